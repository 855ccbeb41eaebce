/**
 * The operator's day beyond claim, answer, transfer and close (issue #13 item 4): reopen a closed
 * conversation, write a private note in the thread, and edit the customer's tags. Access is as for the
 * conversation's other actions (services/auth/permissions.ts): operators act on the queue and their own,
 * supervisors and admins on every one. Reopens and tag changes are audited; every change reaches the studio
 * as conversation:updated (and a note or a thread line as message:new).
 */
import type { ConversationDto, MessageDto } from '../../contracts/conversation.ts';
import { conflict, forbidden, notFound, UserError } from '../../errors.ts';
import { ConversationEventKind } from '../../store/repositories/conversation-events.repo.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import { toMessageDto, type MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { AuditAction, type AuditService } from '../audit/audit.service.ts';
import { mayAccessConversation } from '../auth/permissions.ts';
import type { Actor } from '../auth/principal.ts';
import type { ConversationChange, RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { conversationView } from './conversation-view.ts';
import { normalizeTags } from './customer-tags.ts';
import { loadFlowState, saveFlowState } from './flow-session.ts';
import type { FollowUps } from './follow-ups.ts';
import { writeNote } from './thread-notes.ts';

export class ConversationActionsService {
  constructor(
    private readonly store: Store,
    private readonly followUps: FollowUps,
    private readonly publisher: RealtimePublisher,
    private readonly audit: AuditService,
    private readonly now: () => number,
  ) {}

  /**
   * Opens a closed conversation again, ACTIVE with whoever reopens it (they reopen it to go on talking), the
   * customer back with a human. Refused while the customer has another open conversation: one at a time.
   */
  async reopen(id: string, actor: Actor): Promise<ConversationDto> {
    const row = await this.accessible(id, actor, 'Only the operator who had this conversation or a supervisor can reopen it');
    if (row.status !== 'CLOSED') throw conflict('not_closed', 'This conversation is still open');
    const reopened = await this.store.transaction(async (tx) => {
      const other = await tx.conversations.findOpenByCustomer(row.customer_id);
      if (other) throw await openElsewhere(tx, other);
      const at = this.now();
      const reopened = await tx.conversations.reopen(id, { operatorId: actor.operatorId, byCustomer: false, now: at });
      if (!reopened) throw conflict('not_closed', 'Someone reopened this conversation a moment ago');
      await tx.conversationEvents.record({ conversation_id: id, kind: ConversationEventKind.REOPENED, operator_id: actor.operatorId, team: row.team, at });
      await tx.customers.setMode(row.customer_id, 'HUMAN', at);
      const customer = await tx.customers.findById(row.customer_id);
      const state = loadFlowState(customer);
      const version = customer?.flow_version ?? reopened.flow_version;
      // a survey question about the chat that had ended no longer applies: the chat goes on
      if (customer && state.awaiting && version !== null) await saveFlowState(tx, customer, { ...state, awaiting: null }, version);
      const name = (await tx.operators.findById(actor.operatorId))?.name ?? 'an operator';
      const line = await writeNote(tx, { conversation: reopened, author: { kind: 'system' }, text: `Reopened by ${name}`, now: at });
      return { line };
    });
    // whoever listed it closed hears that it moved on: the one who had it (a supervisor may reopen an
    // operator's conversation), or every operator for one closed from the queue
    const view = await this.announce(id, [reopened.line], row.operator_id === null ? { leftQueue: true } : { formerOperatorId: row.operator_id });
    await this.audit.record({ action: AuditAction.CONVERSATION_REOPENED, actor, target: { type: 'conversation', id }, details: { from: row.operator_id } });
    // the operator's capacity changed
    void this.followUps.rebalance();
    return view;
  }

  /** A private note in the thread: studio users who can see the conversation read it; LINE never gets it. */
  async addNote(id: string, actor: Actor, text: string): Promise<MessageDto> {
    const row = await this.accessible(id, actor, 'Only the assigned operator or a supervisor can write notes in this conversation');
    const note = await this.store.transaction((tx) => writeNote(tx, { conversation: row, author: { kind: 'operator', operatorId: actor.operatorId }, text: text.trim(), now: this.now() }));
    await this.announce(id, [note]);
    return toMessageDto(note);
  }

  /** Sets the customer's tags (the info panel): every open conversation of theirs shows them at once. */
  async setCustomerTags(id: string, actor: Actor, tags: readonly string[]): Promise<ConversationDto> {
    const row = await this.accessible(id, actor, 'Only the assigned operator or a supervisor can change this customer');
    const next = normalizeTags(tags);
    const customer = await this.store.customers.findById(row.customer_id);
    if (!customer) throw notFound('Customer');
    const before = parseJson<string[]>(customer.tags, []);
    await this.store.customers.setTags(row.customer_id, next, this.now());
    const view = await this.announce(id, []);
    // the customer may have another conversation open (this one closed): it shows the same customer
    const open = await this.store.conversations.findOpenByCustomer(row.customer_id);
    if (open && open.id !== id) this.publisher.conversationUpdated(await conversationView(this.store, open.id));
    await this.audit.record({
      action: AuditAction.CUSTOMER_TAGS_CHANGED,
      actor,
      target: { type: 'customer', id: row.customer_id },
      details: { conversationId: id, added: next.filter((t) => !before.includes(t)), removed: before.filter((t) => !next.includes(t)) },
    });
    return view;
  }

  /** 404 for no such conversation, 403 for someone else's; the row otherwise. */
  private async accessible(id: string, actor: Actor, refusal: string): Promise<ConversationRow> {
    const row = await this.store.conversations.findById(id);
    if (!row) throw notFound('Conversation');
    if (!mayAccessConversation(actor, row)) throw forbidden(refusal);
    return row;
  }

  /** Tells the studio: the thread's new lines first, then the conversation as it is now. */
  private async announce(id: string, lines: MessageRow[], change: ConversationChange = {}): Promise<ConversationDto> {
    const view = await conversationView(this.store, id);
    for (const line of lines) this.publisher.messageNew(toMessageDto(line), view);
    this.publisher.conversationUpdated(view, change);
    return view;
  }
}

/** The 409 that says which conversation is open and where (its id in the body), so the operator can go there instead. */
async function openElsewhere(tx: Store, other: ConversationRow): Promise<UserError> {
  const holder = other.operator_id ? (await tx.operators.findById(other.operator_id))?.name : undefined;
  const where = other.status === 'WAITING' ? 'waiting in the queue' : `with ${holder ?? 'another operator'}`;
  return new UserError(409, 'customer_has_open_conversation', `This customer already has an open conversation (${where}): continue there instead`, { conversationId: other.id });
}
