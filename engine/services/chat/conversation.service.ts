/**
 * What operators do with conversations: list, read, claim, answer, transfer, close. Operators see and act on
 * the queue and their own conversations; supervisors and admins on all (services/auth/permissions.ts).
 * Claims, transfers and closes are audited.
 */
import type { ConversationDto, ConversationStatus, MessageDto } from '../../contracts/conversation.ts';
import type { TransferRequest } from '../../contracts/rest.ts';
import type { JoinAnswer } from '../../contracts/socket-events.ts';
import { runFlowEvent } from '../../domain/flow/runtime/run-flow-event.ts';
import { setForChannel } from '../../domain/flow/set-for-channel.ts';
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { ConversationEventKind } from '../../store/repositories/conversation-events.repo.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import { operatorChannels } from '../../store/repositories/operators.repo.ts';
import { toMessageDto, type MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { withMedia } from '../media/media-view.ts';
import { AuditAction, type AuditService } from '../audit/audit.service.ts';
import { mayAccessChannel, mayAccessConversation, oversees } from '../auth/permissions.ts';
import type { Actor } from '../auth/principal.ts';
import { conversationRef, type ConversationChange, type RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { conversationView, conversationViews } from './conversation-view.ts';
import { applyFlowActions } from './flow-effects.ts';
import { customerFacts, loadFlowState, saveFlowState } from './flow-session.ts';
import type { FollowUps } from './follow-ups.ts';
import { knownTeams } from './known-teams.ts';
import { enqueueOutbound } from './outbox.ts';
import type { OutboundDispatcher } from './outbound-dispatcher.ts';
import type { OutboundMessage } from '../../domain/flow/flow-action.ts';
import { writeNote } from './thread-notes.ts';

/** An image an operator sends: its bytes already in media storage. */
export interface SentMedia {
  storageKey: string;
  contentType: string;
  size: number;
}

/** The inbox's filters on `GET /api/conversations`; each narrows the list, all of them together. */
export interface ConversationListFilter {
  status?: ConversationStatus | undefined;
  /** case-insensitive text in the customer's name or any message */
  search?: string | undefined;
  /** me: held by the caller; unassigned: held by nobody; an operator: held by them */
  assignee?: 'me' | 'unassigned' | { operatorId: string };
  team?: string;
  /** the customer carries this tag */
  tag?: string;
  /** the LINE channel the customer wrote to (400 invalid_channel for an unknown one) */
  channel?: string;
}

export class ConversationService {
  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly dispatcher: OutboundDispatcher,
    private readonly followUps: FollowUps,
    private readonly publisher: RealtimePublisher,
    private readonly audit: AuditService,
    private readonly now: () => number,
    /** the operator took the conversation from its open thread (the studio claims from there): LINE read receipts */
    private readonly onClaimed: (conversationId: string, operatorId: string) => void = () => {},
  ) {}

  /** What the caller may see (operators: the queue and their own), narrowed by the filter; 400 for an unknown operator. */
  async list(actor: Actor, filter: ConversationListFilter): Promise<ConversationDto[]> {
    const { status, search, team, tag } = filter;
    if (filter.channel !== undefined && !(await this.store.channels.findById(filter.channel))) throw badRequest('invalid_channel', `channel: no LINE channel "${filter.channel}"`);
    const channels = channelScope(actor, filter.channel);
    const rows = await this.store.conversations.list({
      status,
      search,
      team,
      tag,
      ...(channels === null ? {} : { channels }),
      assignee: await this.assigneeOf(actor, filter.assignee),
      limit: 200,
      ...(oversees(actor.role) ? {} : { visibleTo: actor.operatorId }),
    });
    return conversationViews(this.store, rows);
  }

  private async assigneeOf(actor: Actor, assignee: ConversationListFilter['assignee']): Promise<string | null | undefined> {
    if (assignee === undefined) return undefined;
    if (assignee === 'me') return actor.operatorId;
    if (assignee === 'unassigned') return null;
    if (!(await this.store.operators.findById(assignee.operatorId))) throw badRequest('invalid_assignee', `assignee: no operator has the id "${assignee.operatorId}"`);
    return assignee.operatorId;
  }

  async detail(id: string, actor: Actor): Promise<{ conversation: ConversationDto; messages: MessageDto[] }> {
    await this.assertAccess(id, actor);
    const conversation = await conversationView(this.store, id);
    const messages = await this.store.messages.listByConversation(id);
    return { conversation, messages: await withMedia(this.store, messages.map(toMessageDto)) };
  }

  /** 404 for no such conversation, 403 for someone else's (operators see the queue and their own). */
  async assertAccess(id: string, actor: Actor): Promise<void> {
    const answer = await this.access(id, actor);
    if (!answer.ok) throw answer.code === 'not_found' ? notFound('Conversation') : forbidden(answer.message);
  }

  /** The same check for a socket opening the conversation live (conversation:join). */
  async access(id: string, actor: Actor): Promise<JoinAnswer> {
    const row = await this.store.conversations.findById(id);
    // another channel's conversation is none of theirs: as if it did not exist
    if (!row || !mayAccessChannel(actor, row.channel_id)) return { ok: false, code: 'not_found', message: 'Conversation not found' };
    if (!mayAccessConversation(actor, row)) return { ok: false, code: 'forbidden', message: 'Another operator is handling this conversation' };
    return { ok: true };
  }

  async claim(id: string, actor: Actor): Promise<ConversationDto> {
    const row = await this.store.conversations.findById(id);
    if (!row || !mayAccessChannel(actor, row.channel_id)) throw notFound('Conversation');
    if (row.status === 'ACTIVE' && row.operator_id === actor.operatorId) return conversationView(this.store, id);
    const claimed = await this.store.transaction(async (tx) => {
      const at = this.now();
      if (!(await tx.conversations.claim(id, actor.operatorId, at))) return false;
      await tx.conversationEvents.record({ conversation_id: id, kind: ConversationEventKind.CLAIMED, operator_id: actor.operatorId, team: row.team, at });
      return true;
    });
    if (!claimed) {
      throw conflict('not_waiting', row.status === 'CLOSED' ? 'This conversation is closed' : 'Another operator already claimed this conversation');
    }
    const view = await this.announce(id, { leftQueue: true });
    await this.audit.record({ action: AuditAction.CONVERSATION_CLAIMED, actor, target: { type: 'conversation', id } });
    this.onClaimed(id, actor.operatorId);
    // everyone behind moved up one place
    void this.followUps.rebalance();
    return view;
  }

  /** Who may send in a conversation (and upload for it): its operator, once claimed. 404, 409, 403 otherwise. */
  async assertMaySend(id: string, actor: Actor): Promise<void> {
    assertSender(await this.store.conversations.findById(id), actor);
  }

  /**
   * Sends the operator's text (or an image or sticker: `message`) to the customer. `media` is the stored image an
   * image message shows, recorded with the message so the thread (and GET /api/media/:id) has its bytes.
   */
  async sendMessage(id: string, actor: Actor, content: string | OutboundMessage, media?: SentMedia): Promise<MessageDto> {
    const [message] = await this.sendMessages(id, actor, [typeof content === 'string' ? { type: 'text', text: content } : content], media);
    if (!message) throw new Error('the message was not stored');
    return message;
  }

  /**
   * Sends several messages as one batch (a canned response's text, image and flex): up to five share one
   * request, so the reply token, while fresh, carries them all. `media` belongs to the first.
   */
  async sendMessages(id: string, actor: Actor, messages: OutboundMessage[], media?: SentMedia): Promise<MessageDto[]> {
    const rows = await this.store.transaction(async (tx) => {
      const conversation = await tx.conversations.findById(id);
      assertSender(conversation, actor);
      const at = this.now();
      const replyToken = await tx.customers.takeReplyToken(conversation.customer_id, at);
      const rows = await enqueueOutbound(tx, {
        customerId: conversation.customer_id,
        conversationId: id,
        senderKind: 'operator',
        operatorId: actor.operatorId,
        messages,
        replyToken,
        webhookEventId: null,
        now: at,
      });
      const [sent] = rows;
      if (media && sent) await tx.media.recordSent({ message_id: sent.id, content_type: media.contentType, size: media.size, storage_key: media.storageKey, created_at: at });
      await tx.conversations.markOperatorActivity(id, at);
      return rows;
    });
    await this.afterWrite(id, rows);
    return withMedia(this.store, rows.map(toMessageDto));
  }

  /**
   * Hands the conversation to another operator, or back to the waiting queue; `team` moves it to that team
   * (its queue, without an operator). A `note` is kept in the thread as a private note for whoever gets it,
   * after a line saying who moved it where.
   */
  async transfer(id: string, actor: Actor, request: TransferRequest): Promise<ConversationDto> {
    const { operatorId: toOperatorId, team } = request;
    const row = await this.store.conversations.findById(id);
    if (!row) throw notFound('Conversation');
    if (row.status === 'CLOSED') throw conflict('closed', 'This conversation is closed');
    if (!mayAccessConversation(actor, row)) throw forbidden('Only the assigned operator or a supervisor can transfer this conversation');
    const target = toOperatorId === undefined ? undefined : await this.store.operators.findById(toOperatorId);
    if (toOperatorId !== undefined) {
      if (!target) throw notFound('Operator');
      if (!target.active) throw conflict('operator_inactive', 'This operator is deactivated');
      if (!mayAccessChannel({ channels: operatorChannels(target) }, row.channel_id)) throw badRequest('operator_not_in_channel', 'This operator does not work in the conversation\'s LINE channel');
    }
    if (team !== undefined && !(await knownTeams(this.store, (await this.flows.active()).set)).has(team)) {
      throw badRequest('unknown_team', `No team is called "${team}": pick one of the teams in Studio › Team or the flows' routing rules`);
    }
    const moved = await this.store.transaction(async (tx) => {
      const at = this.now();
      if (team !== undefined) await tx.conversations.setTeam(id, team, at);
      const assigned = await this.reassign(tx, { ...row, team: team ?? row.team }, toOperatorId ?? null);
      if (!assigned) return undefined;
      const mover = (await tx.operators.findById(actor.operatorId))?.name ?? 'An operator';
      const destination = target ? target.name : team !== undefined ? `the ${team} queue` : 'the queue';
      const lines = [await writeNote(tx, { conversation: row, author: { kind: 'system' }, text: `${mover} transferred this conversation to ${destination}`, now: at })];
      if (request.note !== undefined) lines.push(await writeNote(tx, { conversation: row, author: { kind: 'operator', operatorId: actor.operatorId }, text: request.note.trim(), now: at }));
      return { assigned, lines };
    });
    if (!moved) throw conflict('closed', 'This conversation is closed');
    // the lines first, to those working it now: the receiver reads the note as the conversation reaches them
    for (const line of moved.lines) this.publisher.messageNew(toMessageDto(line), conversationRef(moved.assigned));
    const view = await this.announceRow(moved.assigned, { leftQueue: row.operator_id === null, formerOperatorId: row.operator_id });
    await this.audit.record({
      action: AuditAction.CONVERSATION_TRANSFERRED,
      actor,
      target: { type: 'conversation', id },
      details: { from: row.operator_id, to: toOperatorId ?? null, ...(team !== undefined ? { team } : {}), withNote: request.note !== undefined },
    });
    void this.followUps.rebalance();
    return view;
  }

  /** Closes the conversation, puts the customer back with the bot and runs the flow's onClose step. */
  async close(id: string, actor: Actor | null, reason: string, farewell: string | null = null): Promise<ConversationDto> {
    const row = await this.store.conversations.findById(id);
    if (!row) throw notFound('Conversation');
    if (actor && !mayAccessConversation(actor, row)) throw forbidden('Only the assigned operator or a supervisor can close this conversation');
    const flowVersion = row.flow_version ?? (await this.flows.active()).version;
    // the onClose step is the conversation's channel's Flow's (docs/flows.md, One Flow per channel)
    const flowSet = setForChannel(await this.flows.version(flowVersion), row.channel_id);
    const { customer, effects } = await this.store.transaction(async (tx) => {
      const at = this.now();
      if (!(await tx.conversations.close(id, reason, at))) throw conflict('closed', 'This conversation is already closed');
      // the row read before the transaction may be stale: the close event names who had it at the close
      const closed = await tx.conversations.findById(id);
      await tx.conversationEvents.record({ conversation_id: id, kind: ConversationEventKind.CLOSED, operator_id: closed?.operator_id ?? null, team: row.team, at });
      await tx.customers.setMode(row.customer_id, 'BOT', at);
      const customer = await tx.customers.findById(row.customer_id);
      if (!customer) throw notFound('Customer');
      const { actions, state } = runFlowEvent(flowSet, loadFlowState(customer), {
        event: { kind: 'handoff-closed', onCloseStep: row.on_close_step },
        customer: customerFacts(customer, false),
        now: at,
      });
      await saveFlowState(tx, customer, state, flowVersion);
      // a farewell (e.g. the auto-close notice) goes before the flow's onClose messages
      const farewellAction = farewell === null ? [] : [{ type: 'say' as const, message: { type: 'text' as const, text: farewell } }];
      const effects = await applyFlowActions(tx, {
        customer,
        open: null,
        flowVersion,
        actions: [...farewellAction, ...actions],
        replyToken: await tx.customers.takeReplyToken(customer.id, at),
        webhookEventId: null,
        now: at,
      });
      // the closing messages are part of the conversation's record
      for (const message of effects.outbound) message.conversation_id = (await tx.messages.attachToConversation(message.id, id))?.conversation_id ?? null;
      return { customer, effects };
    });
    for (const message of effects.outbound) this.publisher.messageNew(toMessageDto(message), conversationRef(row));
    const view = await this.announce(id);
    await this.audit.record({ action: AuditAction.CONVERSATION_CLOSED, actor, target: { type: 'conversation', id }, details: { reason } });
    // the farewell and the survey go to the outbox; the operator's answer does not wait for LINE
    await this.followUps.afterFlow(customer, effects);
    // the operator's slot is free and everyone queued moved up one place (in the background too)
    void this.followUps.rebalance();
    return view;
  }

  /** The operator was deactivated: their open conversations go back to the queue, to be claimed or assigned. */
  async returnToQueue(operatorId: string): Promise<void> {
    for (const row of await this.store.conversations.listActiveOf(operatorId)) {
      const released = await this.store.transaction((tx) => this.reassign(tx, row, null));
      if (released) await this.announceRow(released, { formerOperatorId: operatorId });
      await this.audit.record({ action: AuditAction.CONVERSATION_TRANSFERRED, actor: null, target: { type: 'conversation', id: row.id }, details: { from: operatorId, to: null, reason: 'operator-deactivated' } });
    }
    await this.followUps.rebalance();
  }

  /**
   * Gives an open conversation to the operator, or back to the queue (null), and records which it was;
   * undefined when it was closed meanwhile.
   */
  private async reassign(tx: Store, row: ConversationRow, operatorId: string | null): Promise<ConversationRow | undefined> {
    const at = this.now();
    const before = await tx.conversations.findById(row.id);
    const assigned = await tx.conversations.assign(row.id, operatorId, at);
    if (!assigned) return undefined;
    const from = before?.operator_id ?? null;
    // back to the queue from the queue changed nothing worth counting
    if (operatorId === null && from === null) return assigned;
    const event =
      operatorId === null
        ? { kind: ConversationEventKind.RETURNED, operator_id: from }
        : from === null
          ? // a supervisor handing a waiting conversation to someone: it left the queue, as a claim does
            { kind: ConversationEventKind.CLAIMED, operator_id: operatorId }
          : { kind: ConversationEventKind.TRANSFERRED, operator_id: operatorId, from_operator_id: from };
    await tx.conversationEvents.record({ conversation_id: row.id, team: row.team, at, ...event });
    return assigned;
  }

  /** Tells operators how the conversation looks now. */
  private async announce(id: string, change: ConversationChange = {}): Promise<ConversationDto> {
    const view = await conversationView(this.store, id);
    this.publisher.conversationUpdated(view, change);
    return view;
  }

  /** Like announce, from the row an update just returned. */
  private async announceRow(row: ConversationRow, change: ConversationChange): Promise<ConversationDto> {
    const [view] = await conversationViews(this.store, [row]);
    if (!view) throw notFound('Conversation');
    this.publisher.conversationUpdated(view, change);
    return view;
  }

  private async afterWrite(id: string, rows: MessageRow[]): Promise<void> {
    const view = await conversationView(this.store, id);
    // an image an operator sent carries its media (a path, as socket events do) so the thread shows it at once
    for (const message of await withMedia(this.store, rows.map(toMessageDto))) this.publisher.messageNew(message, view);
    this.publisher.conversationUpdated(view);
    // the operator's request does not wait for LINE: the delivery status arrives as message:updated
    this.dispatcher.submit(rows);
  }
}

function assertSender(conversation: ConversationRow | undefined, actor: Actor): asserts conversation is ConversationRow {
  if (!conversation) throw notFound('Conversation');
  if (conversation.status !== 'ACTIVE') throw conflict('not_active', 'Claim the conversation before answering');
  if (conversation.operator_id !== actor.operatorId) throw forbidden('Another operator is handling this conversation');
}

/** the channels a list may show: the one asked for, narrowed to the caller's own (null: every channel) */
function channelScope(actor: Actor, channel: string | undefined): string[] | null {
  const own = actor.channels ?? null;
  if (channel === undefined) return own;
  return own === null || own.includes(channel) ? [channel] : [];
}
