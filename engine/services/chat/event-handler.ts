/**
 * Handles one stored event: the customer, the inbound message, the flow's decision and its effects
 * commit in one transaction together with marking the event done, so an event is applied exactly once
 * even if the process dies at any point. What follows the commit (sending, assignment, queue notices,
 * plugins) is FollowUps' job.
 */
import type { webhook } from '@line/bot-sdk';
import type { FlowEvent } from '../../domain/flow/flow-event.ts';
import { runFlowEvent } from '../../domain/flow/runtime/run-flow-event.ts';
import type { LineClient } from '../../line/line-client.ts';
import { normalizeLineEvent, type InboundEvent } from '../../line/normalize-line-event.ts';
import type { Logger } from '../../logger.ts';
import type { CustomerProfile } from '../../store/repositories/customers.repo.ts';
import { toMessageDto, type MessageRow } from '../../store/repositories/messages.repo.ts';
import type { WebhookEventRow } from '../../store/repositories/webhook-events.repo.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import type { RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { conversationView } from './conversation-view.ts';
import { applyFlowActions } from './flow-effects.ts';
import { customerFacts, loadFlowState, saveFlowState, sessionVersion } from './flow-session.ts';
import type { FollowUps } from './follow-ups.ts';
import { InternalEventType, isInternalEvent } from './internal-events.ts';

export interface EventHandlerDeps {
  store: Store;
  flows: FlowRegistry;
  line: LineClient;
  followUps: FollowUps;
  publisher: RealtimePublisher;
  logger: Logger;
  now: () => number;
  replyTokenTtlMs: number;
}

export class LeaseLostError extends Error {}

/** The event as the runtime sees it, plus the LINE facts the handler needs (absent for internal events). */
interface Incoming {
  flowEvent: FlowEvent | null;
  userId: string | null;
  standby: boolean;
  line: InboundEvent | null;
}

function lineFlowEvent(event: InboundEvent): FlowEvent | null {
  if (event.message) return { kind: 'message', messageType: event.message.type, text: event.message.text };
  if (event.postback) return { kind: 'postback', data: event.postback.data };
  if (event.type === 'follow') return { kind: 'follow' };
  if (event.type === 'unfollow') return { kind: 'unfollow' };
  return null;
}

function incoming(row: WebhookEventRow): Incoming {
  const raw = JSON.parse(row.raw) as { type: string };
  if (isInternalEvent(raw)) {
    const flowEvent: FlowEvent =
      raw.type === InternalEventType.RESUME ? { kind: 'resume' } : { kind: 'queue-timeout', stepId: raw.stepId ?? '' };
    return { flowEvent, userId: raw.source.userId, standby: false, line: null };
  }
  const line = normalizeLineEvent(row.id, raw as webhook.Event);
  return { flowEvent: lineFlowEvent(line), userId: line.userId, standby: line.standby, line };
}

export class EventHandler {
  constructor(private readonly deps: EventHandlerDeps) {}

  async handle(row: WebhookEventRow, workerId: string): Promise<void> {
    const { store, now } = this.deps;
    const { flowEvent, userId, standby, line } = incoming(row);
    if (standby || !userId || !flowEvent) {
      // stored for the record; standby events belong to another channel, group chats are not handled yet
      if (!(await store.webhookEvents.markDone(row.id, workerId, now()))) throw new LeaseLostError(row.id);
      if (!flowEvent) this.deps.logger.info({ type: row.type }, 'event stored, nothing to do');
      return;
    }
    const known = await store.customers.findByLineUserId(userId);
    const profile = line && line.type !== 'unfollow' && (line.type === 'follow' || !known?.display_name) ? await this.fetchProfile(userId) : null;
    // resolved before the transaction: SQLite has one connection and the transaction holds it
    const openBefore = known ? await store.conversations.findOpenByCustomer(known.id) : undefined;
    const flowVersion = sessionVersion(known, openBefore, (await this.deps.flows.active()).version);
    const flowSet = await this.deps.flows.version(flowVersion);

    const result = await store.transaction(async (tx) => {
      const at = now();
      let { customer } = await tx.customers.findOrCreate(userId, at);
      if (profile) await tx.customers.updateProfile(customer.id, profile, at);
      if (line?.type === 'follow' || line?.type === 'unfollow') await tx.customers.setFollowing(customer.id, line.type === 'follow', at);
      customer = (await tx.customers.findById(customer.id)) ?? customer;
      const open = (await tx.conversations.findOpenByCustomer(customer.id)) ?? null;
      const touched = new Set<string>();

      let inbound: MessageRow | null = null;
      if (line && (line.message || line.postback)) {
        inbound = await tx.messages.insert({
          customer_id: customer.id,
          conversation_id: open?.id ?? null,
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
        });
        if (open) {
          await tx.conversations.markCustomerActivity(open.id, at);
          touched.add(open.id);
        }
      }

      if (line?.type === 'unfollow' && open) {
        // a customer who blocked the account cannot be answered: end the chat
        await tx.conversations.close(open.id, 'customer-blocked', at);
        await tx.customers.setMode(customer.id, 'BOT', at);
        touched.add(open.id);
      }

      const withHuman = open !== null && line?.type !== 'unfollow' && customer.mode === 'HUMAN';
      const { actions, state } = runFlowEvent(flowSet, loadFlowState(customer), {
        event: flowEvent,
        customer: customerFacts(customer, withHuman),
        now: at,
      });
      await saveFlowState(tx, customer.id, state, flowVersion);
      const replyToken =
        line?.replyToken && line.timestamp + this.deps.replyTokenTtlMs > at
          ? { token: line.replyToken, expiresAt: line.timestamp + this.deps.replyTokenTtlMs }
          : null;
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
      if (effects.outbound.length === 0 && replyToken && withHuman && !effects.released) {
        // nobody answered automatically: keep the token so the operator's next answer is free
        await tx.customers.keepReplyToken(customer.id, replyToken.token, replyToken.expiresAt);
      }
      if (!(await tx.webhookEvents.markDone(row.id, workerId, at))) throw new LeaseLostError(row.id);
      customer = (await tx.customers.findById(customer.id)) ?? customer;
      return { customer, inbound, effects, touched: [...touched] };
    });

    const { publisher } = this.deps;
    if (result.inbound) publisher.messageNew(toMessageDto(result.inbound));
    for (const message of result.effects.outbound) publisher.messageNew(toMessageDto(message));
    for (const id of result.touched) publisher.conversationUpdated(await conversationView(store, id));
    await this.deps.followUps.afterFlow(result.customer, result.effects);
  }

  private async fetchProfile(userId: string): Promise<CustomerProfile | null> {
    try {
      return await this.deps.line.getProfile(userId);
    } catch (error) {
      // a missing profile never stops a conversation; the name is filled in on a later event
      this.deps.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'profile fetch failed');
      return null;
    }
  }
}
