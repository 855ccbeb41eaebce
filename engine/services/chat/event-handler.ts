/**
 * Handles stored events a batch at a time. For each event: the customer, the inbound message, the
 * flow's decision and its effects; all of a batch commit in one transaction together with marking
 * its events done, so every event is applied exactly once even if the process dies at any point,
 * and a burst of events costs one commit instead of one each. A batch holds at most one event per
 * customer (the claim sees to it), so its events never depend on each other. What follows the
 * commit is done afterwards without waiting on LINE: operators are told, the messages go to the
 * outbox (which sends them on its own), and assignment, queue notices and plugins run in the
 * background. The only LINE calls an event waits for are its customer's profile lookup and, in a group
 * or room, its members' names, and those briefly; the rest of its batch does not wait for them (handle()).
 */
import { runFlowEvent } from '../../domain/flow/runtime/run-flow-event.ts';
import type { Logger } from '../../logger.ts';
import { ConversationEventKind } from '../../store/repositories/conversation-events.repo.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { CustomerRow } from '../../store/repositories/customers.repo.ts';
import { toMessageDto, type MessageRow, type NewMessage } from '../../store/repositories/messages.repo.ts';
import type { WebhookEventRow } from '../../store/repositories/webhook-events.repo.ts';
import type { Store } from '../../store/store.ts';
import type { InboundMedia, MediaChanges } from '../media/inbound-media.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import type { ConversationRef, RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { conversationViews } from './conversation-view.ts';
import { byChannelUser, incoming, keyOf, prepareEvents, runsFlow, type Incoming, type Prepared } from './event-preparation.ts';
import { applyFlowActions, type FlowEffects } from './flow-effects.ts';
import { customerFacts, loadFlowState, saveFlowState } from './flow-session.ts';
import type { FollowUps } from './follow-ups.ts';
import { applyGroupChange, isGroupChange } from './group-chat-events.ts';
import { chatMembersOf, senderNameOf, type AskedNames, type GroupMemberNames } from './group-member-names.ts';
import type { ProfileLookup } from './profile-lookup.ts';
import { returnToConversation } from './return-to-conversation.ts';

export interface EventHandlerDeps {
  store: Store;
  flows: FlowRegistry;
  profiles: ProfileLookup;
  followUps: FollowUps;
  publisher: RealtimePublisher;
  logger: Logger;
  now: () => number;
  replyTokenTtlMs: number;
  /** queues media fetches and applies unsends with the messages (services/media); absent: neither */
  media?: InboundMedia;
  /** names of group and room members for their messages (docs/groups.md); absent: "Member …abcd" */
  memberNames?: GroupMemberNames;
}

export class LeaseLostError extends Error {}

/** The events of a batch that were not applied when the rest were (EventHandler.handle): they are retried alone. */
export class BatchPartlyApplied extends Error {
  constructor(
    readonly notApplied: readonly WebhookEventRow[],
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'BatchPartlyApplied';
  }
}

/** What one event changed, for the work after commit. */
interface Applied {
  customer: CustomerRow;
  inbound: MessageRow | null;
  effects: FlowEffects;
  /** conversations whose view changed: created, closed, or with a new message */
  touched: Set<string>;
  /** the event's reply token, unused, for the operator's next answer */
  keepReplyToken: { token: string; expiresAt: number } | null;
  /** lines for the team the event caused in a thread (the customer came back to a closed conversation) */
  notes: MessageRow[];
}

export class EventHandler {
  constructor(private readonly deps: EventHandlerDeps) {}

  /**
   * Applies the events (all or none: on an error nothing of the batch is kept), then does what follows.
   * Events whose customer LINE is still being asked about (a new customer, a follow, a group member's
   * name) are applied once it answers, or its short wait is up, in a transaction of their own after the
   * others: the rest of the batch is answered without waiting for LINE. When that second part fails, the
   * first stays applied and BatchPartlyApplied names the events that were not.
   */
  async handle(rows: readonly WebhookEventRow[], workerId: string): Promise<void> {
    const events = rows.map(incoming);
    // stored for the record; standby events belong to another channel
    for (const event of events) if (!event.flowEvent && !isGroupChange(event.line)) this.deps.logger.info({ type: event.row.type }, 'event stored, nothing to do');
    const [{ ready, waiting }, names] = await Promise.all([
      prepareEvents(this.deps, events.filter(runsFlow)),
      this.memberNames(events),
    ]);
    // a group or room is one customer: all its events wait while one of its members' names is asked for
    const held = new Set([
      ...(waiting?.events ?? []).map((event) => event.row.id),
      ...events.filter((event) => event.line?.chatId && names.pendingChats.has(event.line.chatId)).map((event) => event.row.id),
    ]);
    if (held.size === 0) return this.applyAndFollow(events, ready, names.now, workerId);
    const isHeld = (event: Incoming) => held.has(event.row.id);
    const second = events.filter(isHeld);
    // a batch holds one event per customer, so the two parts need no order between them
    const afterLookups = async () => {
      const [looked, named] = await Promise.all([waiting?.prepared ?? [], names.later ?? names.now]);
      return this.applyAndFollow(second, [...ready.filter(isHeld), ...looked], named, workerId);
    };
    // every event waits (a batch of one among them): nothing is applied before, so a failure is the batch's own
    if (second.length === events.length) return afterLookups();
    await this.applyAndFollow(events.filter((event) => !isHeld(event)), ready.filter((event) => !isHeld(event)), names.now, workerId);
    try {
      await afterLookups();
    } catch (error) {
      throw new BatchPartlyApplied(second.map((event) => event.row), error);
    }
  }

  /** Commits the events, then tells operators and hands the messages to the outbox. */
  private async applyAndFollow(events: Incoming[], prepared: Prepared[], names: ReadonlyMap<string, string>, workerId: string): Promise<void> {
    const media: MediaChanges = { queued: 0, unsentMessageIds: [], deletedKeys: [] };
    const applied = await this.commit(events, prepared, names, workerId, media);
    try {
      await this.afterCommit(applied);
      if (this.deps.media && (media.queued > 0 || media.unsentMessageIds.length > 0)) await this.deps.media.afterCommit(this.deps.store, media);
    } catch (error) {
      // the events are applied for good; what did not go out now, the outbox sweep sends later
      this.deps.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'work after events failed');
    }
  }

  /** `prepared`: those of the events the flow runs for, settled before the transaction (event-preparation.ts) */
  private async commit(events: Incoming[], prepared: Prepared[], names: ReadonlyMap<string, string>, workerId: string, media: MediaChanges): Promise<Applied[]> {
    const { store, now } = this.deps;
    const ids = events.map((event) => event.row.id);
    return store.transaction(async (tx) => {
      const at = now();
      // read inside the transaction: an operator may have taken or closed a conversation meanwhile
      const known = byChannelUser(await tx.customers.findByLineUserIds(prepared.map((e) => e.userId)));
      const open = await tx.conversations.findOpenByCustomers([...known.values()].map((c) => c.id));
      const customers: CustomerRow[] = [];
      for (const event of prepared) customers.push(await this.customerOf(tx, event, known.get(keyOf(event)) ?? null, at));
      // the customers' messages with one statement, before any answer to them is written
      const inbound = await this.storeInbound(tx, prepared, customers, open, names, at);
      if (this.deps.media) {
        media.queued = await this.deps.media.queue(tx, [...inbound.values()], at);
        Object.assign(media, await this.deps.media.unsend(tx, events.flatMap((e) => (e.line ? [e.line] : [])), at));
      }
      // for when an operator holding the chat opens it (services/chat/line-read-receipts.ts); never used by the
      // bot, nor in a group or room, where one member's reading is not everyone's
      await tx.customers.keepMarkAsReadTokens(prepared.flatMap(({ line }, i) => {
        const token = line?.source === 'user' ? line.message?.markAsReadToken : undefined;
        return token ? [{ customerId: (customers[i] as CustomerRow).id, token }] : [];
      }));
      const applied: Applied[] = [];
      const kept: { customerId: string; token: string; expiresAt: number }[] = [];
      for (const [i, event] of prepared.entries()) {
        const customer = customers[i] as CustomerRow;
        const outcome = await this.apply(tx, event, customer, open.get(customer.id) ?? null, inbound.get(event.row.id) ?? null, at);
        if (outcome.keepReplyToken) kept.push({ customerId: customer.id, ...outcome.keepReplyToken });
        applied.push(outcome);
      }
      // the account left a group, members came or went: no flow runs for these (group-chat-events.ts)
      for (const { row, line, standby } of events) {
        const change = !standby && isGroupChange(line) ? await applyGroupChange(tx, line, row.channel_id, names, at) : null;
        if (change) applied.push({ ...change, inbound: null, effects: { outbound: [], opened: null, released: null, pluginSteps: [] }, keepReplyToken: null });
      }
      await tx.customers.keepReplyTokens(kept);
      if (!(await tx.webhookEvents.markDone(ids, workerId, at))) throw new LeaseLostError(ids.join(', '));
      // the customers as the events left them, where the work after commit uses them (a conversation's
      // view, the follow-ups of a handoff, a release, a return or a plugin step): a bot's answer alone
      // needs none, and is spared the statement
      const used = applied.filter(({ touched, effects: e }) => touched.size > 0 || e.opened || e.released || e.reopened || e.pluginSteps.length > 0);
      const after = new Map((await tx.customers.findByIds(used.map((a) => a.customer.id))).map((c) => [c.id, c]));
      for (const a of used) a.customer = after.get(a.customer.id) ?? a.customer;
      return applied;
    });
  }

  /**
   * The event's customer, created on first sight, with a fetched profile and follow state applied. `known`
   * was read in this transaction: null means there is no such customer yet.
   */
  private async customerOf(tx: Store, event: Prepared, known: CustomerRow | null, at: number): Promise<CustomerRow> {
    const { line, profile } = event;
    // joining a group is a group's follow: it can be answered again after a leave (group-chat-events.ts)
    const following = line?.type === 'follow' || line?.type === 'join' ? true : line?.type === 'unfollow' ? false : null;
    if (!known) return tx.customers.insertNew({ channelId: event.row.channel_id, lineUserId: event.userId }, at, line?.source ?? 'user', { profile, following });
    if (!profile && following === null) return known;
    return (await tx.customers.applySeen(known.id, { profile, following }, at)) ?? known;
  }

  /**
   * Stores the message or postback each event carries, in the customer's open conversation if any, with the
   * member who wrote it in a group or room (`names`: by memberKey); by event id.
   */
  private async storeInbound(tx: Store, events: Prepared[], customers: CustomerRow[], open: Map<string, ConversationRow>, names: ReadonlyMap<string, string>, at: number): Promise<Map<string, MessageRow>> {
    const messages: NewMessage[] = [];
    const eventIds: string[] = [];
    for (const [i, { line, row }] of events.entries()) {
      const customer = customers[i] as CustomerRow;
      if (!line || (!line.message && !line.postback)) continue;
      eventIds.push(row.id);
      messages.push({
        customer_id: customer.id,
        conversation_id: open.get(customer.id)?.id ?? null,
        direction: 'in',
        sender_kind: 'customer',
        operator_id: null,
        type: line.message?.type ?? 'postback',
        text: line.message?.description ?? `[postback] ${line.postback?.data ?? ''}`,
        payload: JSON.stringify(line.message?.payload ?? line.postback),
        line_message_id: line.message?.lineMessageId ?? null,
        webhook_event_id: line.webhookEventId,
        delivery_status: 'received',
        reply_token: null,
        reply_token_expires_at: null,
        retry_key: null,
        created_at: at,
        sender_line_user_id: line.source === 'user' ? null : line.senderUserId,
        sender_name: senderNameOf(line, names),
      });
    }
    const rows = await tx.messages.insertMany(messages);
    await tx.conversations.markCustomerActivity(rows.flatMap((m) => (m.conversation_id ? [m.conversation_id] : [])), at);
    // insertMany answers in the order given
    return new Map(rows.map((row, i) => [eventIds[i] as string, row]));
  }

  private async apply(tx: Store, event: Prepared, customer: CustomerRow, open: ConversationRow | null, stored: MessageRow | null, at: number): Promise<Applied> {
    const { line, flowVersion } = event;
    const touched = new Set<string>();
    let inbound = stored;

    if (line?.type === 'unfollow' && open) {
      // a customer who blocked the account cannot be answered: end the chat
      await tx.conversations.close(open.id, 'customer-blocked', at);
      await tx.conversationEvents.record({ conversation_id: open.id, kind: ConversationEventKind.CLOSED, operator_id: open.operator_id, team: open.team, at });
      await tx.customers.setMode(customer.id, 'BOT', at);
      touched.add(open.id);
    }

    const replyToken =
      line?.replyToken && line.timestamp + this.deps.replyTokenTtlMs > at
        ? { token: line.replyToken, expiresAt: line.timestamp + this.deps.replyTokenTtlMs }
        : null;
    if (open === null && customer.mode === 'BOT') {
      const back = await returnToConversation(tx, { customer, set: event.flowSet, state: loadFlowState(customer), event: event.flowEvent, now: at });
      if (back) {
        await saveFlowState(tx, customer, back.state, flowVersion);
        touched.add(back.conversation.id);
        if (inbound) inbound = (await tx.messages.attachToConversation(inbound.id, back.conversation.id)) ?? inbound;
        const effects: FlowEffects = { outbound: [], opened: null, released: null, reopened: back.conversation, pluginSteps: [] };
        // the bot stays quiet: the operator's first answer may use the token
        return { customer, inbound, effects, touched, keepReplyToken: replyToken, notes: [back.note] };
      }
    }

    const withHuman = open !== null && line?.type !== 'unfollow' && customer.mode === 'HUMAN';
    // a group or room whose channel keeps groups with the bot: its handoff steps do nothing (docs/groups.md)
    const handoffAllowed = customer.source_type === 'user' || (await tx.chatMembers.groupHandoff(customer.id));
    const { actions, state } = runFlowEvent(event.flowSet, loadFlowState(customer), {
      event: event.flowEvent,
      customer: customerFacts(customer, withHuman),
      now: at,
      handoffAllowed,
    });
    await saveFlowState(tx, customer, state, flowVersion);
    const effects = await applyFlowActions(tx, {
      customer,
      open: line?.type === 'unfollow' ? null : open,
      flowVersion,
      actions,
      replyToken,
      webhookEventId: line?.webhookEventId ?? null,
      now: at,
    });
    if (effects.opened) {
      touched.add(effects.opened.id);
      // the message that asked for a human belongs to the conversation it opened
      if (inbound) inbound = (await tx.messages.attachToConversation(inbound.id, effects.opened.id)) ?? inbound;
    }
    if (effects.released) touched.add(effects.released.id);
    // nobody answered automatically: keep the token so the operator's next answer is free
    const keepReplyToken = effects.outbound.length === 0 && replyToken && withHuman && !effects.released ? replyToken : null;
    // a conversation's view shows its last message
    for (const message of [inbound, ...effects.outbound]) if (message?.conversation_id) touched.add(message.conversation_id);
    return { customer, inbound, effects, touched, keepReplyToken, notes: [] };
  }

  /** Names of the group and room members the events show (group-member-names.ts), by memberKey; asked before the transaction. */
  private async memberNames(events: Incoming[]): Promise<AskedNames> {
    const members = events.flatMap(({ row, line, standby }) => (line && !standby ? chatMembersOf(line, row.channel_id) : []));
    if (members.length === 0 || !this.deps.memberNames) return { now: new Map(), pendingChats: new Set(), later: null };
    return this.deps.memberNames.ask(members);
  }

  /** Tells operators (messages first, then the conversations they changed), then sends and assigns. */
  private async afterCommit(applied: Applied[]): Promise<void> {
    if (applied.length === 0) return;
    const { store, publisher } = this.deps;
    const touched = applied.flatMap((a) => [...a.touched]);
    // the batch's customers were read back at the end of its transaction: no need to read them again
    const views = await conversationViews(store, await store.conversations.findByIds(touched), applied.map((a) => a.customer));
    const conversations = new Map<string, ConversationRef>(views.map((view) => [view.id, view]));
    const conversationOf = (message: MessageRow) => (message.conversation_id ? (conversations.get(message.conversation_id) ?? null) : null);
    for (const { inbound, effects, notes } of applied) {
      for (const message of [...(inbound ? [inbound] : []), ...notes, ...effects.outbound]) publisher.messageNew(toMessageDto(message), conversationOf(message));
    }
    for (const view of views) publisher.conversationUpdated(view);
    // messages to the outbox, the rest in the background: the loop moves on to the next events
    const outcomes = await Promise.allSettled(applied.map(({ customer, effects }) => this.deps.followUps.afterFlow(customer, effects)));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') this.deps.logger.error({ error: String(outcome.reason) }, 'work after an event failed');
    }
  }
}
