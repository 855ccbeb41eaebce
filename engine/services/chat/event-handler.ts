/**
 * Handles one stored webhook event: the customer, the inbound message, the flow's decision and its
 * effects commit in one transaction together with marking the event done, so an event is applied
 * exactly once even if the process dies at any point.
 */
import type { webhook } from '@line/bot-sdk';
import type { FlowEvent } from '../../domain/flow/flow-event.ts';
import { runFlow } from '../../domain/flow/run-flow.ts';
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
import type { OutboundDispatcher } from './outbound-dispatcher.ts';

export interface EventHandlerDeps {
  store: Store;
  flows: FlowRegistry;
  line: LineClient;
  dispatcher: OutboundDispatcher;
  publisher: RealtimePublisher;
  logger: Logger;
  now: () => number;
  replyTokenTtlMs: number;
}

export class LeaseLostError extends Error {}

function flowEvent(event: InboundEvent): FlowEvent | null {
  if (event.message) return { kind: 'message', messageType: event.message.type, text: event.message.text };
  if (event.postback) return { kind: 'postback', data: event.postback.data };
  if (event.type === 'follow') return { kind: 'follow' };
  if (event.type === 'unfollow') return { kind: 'unfollow' };
  return null;
}

export class EventHandler {
  constructor(private readonly deps: EventHandlerDeps) {}

  async handle(row: WebhookEventRow, workerId: string): Promise<void> {
    const { store, now } = this.deps;
    const event = normalizeLineEvent(row.id, JSON.parse(row.raw) as webhook.Event);
    const trigger = flowEvent(event);
    if (event.standby || !event.userId || !trigger) {
      // stored for the record; standby events belong to another channel, group chats are not handled yet
      if (!(await store.webhookEvents.markDone(row.id, workerId, now()))) throw new LeaseLostError(row.id);
      if (!trigger) this.deps.logger.info({ type: event.type }, 'event stored, nothing to do');
      return;
    }
    const userId = event.userId;
    const known = await store.customers.findByLineUserId(userId);
    const profile = event.type === 'follow' || !known?.display_name ? await this.fetchProfile(userId) : null;
    // resolved before the transaction: SQLite has one connection and the transaction holds it
    const openBefore = known ? await store.conversations.findOpenByCustomer(known.id) : undefined;
    const flowVersion = openBefore?.flow_version ?? (await this.deps.flows.active()).version;
    const flowSet = await this.deps.flows.version(flowVersion);

    const result = await store.transaction(async (tx) => {
      const at = now();
      let { customer } = await tx.customers.findOrCreate(userId, at);
      if (profile) await tx.customers.updateProfile(customer.id, profile, at);
      if (event.type === 'follow' || event.type === 'unfollow') await tx.customers.setFollowing(customer.id, event.type === 'follow', at);
      customer = (await tx.customers.findById(customer.id)) ?? customer;
      const open = (await tx.conversations.findOpenByCustomer(customer.id)) ?? null;
      const touched = new Set<string>();

      let inbound: MessageRow | null = null;
      if (event.message || event.postback) {
        inbound = await tx.messages.insert({
          customer_id: customer.id,
          conversation_id: open?.id ?? null,
          direction: 'in',
          sender_kind: 'customer',
          operator_id: null,
          type: event.message?.type ?? 'postback',
          text: event.message?.description ?? `[postback] ${event.postback?.data ?? ''}`,
          payload: JSON.stringify(event.message?.payload ?? event.postback),
          line_message_id: event.message?.lineMessageId ?? null,
          webhook_event_id: event.webhookEventId,
          delivery_status: 'received',
          reply_token: null,
          reply_token_expires_at: null,
          retry_key: null,
          created_at: at,
        });
        if (open) {
          await tx.conversations.touch(open.id, at);
          touched.add(open.id);
        }
      }

      if (event.type === 'unfollow' && open) {
        // a customer who blocked the account cannot be answered: end the chat
        await tx.conversations.close(open.id, 'customer-blocked', at);
        await tx.customers.setMode(customer.id, 'BOT', at);
        touched.add(open.id);
      }

      const withHuman = open !== null && customer.mode === 'HUMAN';
      const actions = runFlow(flowSet.entry, trigger, {
        customer: { name: customer.display_name ?? '', language: customer.language, withHuman },
      });
      const replyToken =
        event.replyToken && event.timestamp + this.deps.replyTokenTtlMs > at
          ? { token: event.replyToken, expiresAt: event.timestamp + this.deps.replyTokenTtlMs }
          : null;
      const effects = await applyFlowActions(tx, {
        customer,
        open,
        flowVersion,
        actions,
        replyToken,
        webhookEventId: event.webhookEventId,
        now: at,
      });
      if (effects.opened) {
        touched.add(effects.opened.id);
        // the message that asked for a human belongs to the conversation it opened
        if (inbound) inbound = (await tx.messages.attachToConversation(inbound.id, effects.opened.id)) ?? inbound;
      }
      if (effects.outbound.length === 0 && replyToken && withHuman) {
        // nobody answered automatically: keep the token so the operator's first answer is free
        await tx.customers.keepReplyToken(customer.id, replyToken.token, replyToken.expiresAt);
      }
      if (!(await tx.webhookEvents.markDone(row.id, workerId, at))) throw new LeaseLostError(row.id);
      return { inbound, outbound: effects.outbound, touched: [...touched] };
    });

    const { publisher } = this.deps;
    if (result.inbound) publisher.messageNew(toMessageDto(result.inbound));
    for (const message of result.outbound) publisher.messageNew(toMessageDto(message));
    for (const id of result.touched) publisher.conversationUpdated(await conversationView(store, id));
    await this.deps.dispatcher.send(result.outbound);
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
