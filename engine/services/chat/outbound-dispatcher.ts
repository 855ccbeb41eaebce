/**
 * Sends pending outbound messages to LINE: the free reply token while it is fresh, else a push with
 * the batch's X-Line-Retry-Key (so a retried push is delivered once). Batches of one customer go out
 * in the order they were written.
 *
 * Several engines share one outbox: a batch is claimed in the store under a send lease before it is
 * sent, so one engine sends it at a time. An engine that dies mid-send leaves the lease to expire and
 * the next sweep anywhere resends the batch with the same retry key: LINE then delivers it once.
 */
import type { messagingApi } from '@line/bot-sdk';
import { LineApiError, type LineClient } from '../../line/line-client.ts';
import type { Logger } from '../../logger.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import type { RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { publishMessages } from './publish-messages.ts';

/** After this many failed pushes a batch is marked failed and shown as such to operators. */
const MAX_PUSH_ATTEMPTS = 8;

export interface OutboundDispatcherOptions {
  /** names this engine on the batches it holds */
  owner: string;
  /** how long a claimed batch stays with this engine; longer than a push with all its retries */
  leaseMs: number;
}

export class OutboundDispatcher {
  private readonly sending = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly line: LineClient,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: OutboundDispatcherOptions,
  ) {}

  /** Sends the given rows (already committed), batch by batch in order. */
  async send(rows: MessageRow[]): Promise<void> {
    const batches = new Map<string, MessageRow[]>();
    for (const row of rows) {
      if (row.direction !== 'out' || row.delivery_status !== 'pending' || !row.retry_key) continue;
      const batch = batches.get(row.retry_key) ?? [];
      batch.push(row);
      batches.set(row.retry_key, batch);
    }
    for (const retryKey of batches.keys()) {
      if (this.stopped) return; // left pending and unclaimed: another engine's sweep sends it
      const sending = this.sendBatch(retryKey);
      this.sending.add(sending);
      try {
        await sending;
      } finally {
        this.sending.delete(sending);
      }
    }
  }

  /** Sends without making the caller wait; failures are logged and left pending for the sweep. */
  sendInBackground(rows: MessageRow[]): void {
    this.send(rows).catch((error: unknown) => {
      this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'outbound dispatch failed');
    });
  }

  /** Retries whatever is still pending and not being sent (after a crash, a LINE outage or a 5xx). */
  async sweep(limit = 200): Promise<void> {
    if (this.stopped) return;
    await this.send(await this.store.messages.pendingOutbound(limit, this.now()));
  }

  /** Sends nothing new, lets the requests in flight finish, and hands back any batch still held. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.sending]);
    await this.store.messages.releaseBatches(this.options.owner);
  }

  private async sendBatch(retryKey: string): Promise<void> {
    const batch = await this.store.messages.claimBatch(retryKey, this.options.owner, this.now(), this.options.leaseMs);
    const first = batch[0];
    if (!first) return; // sent already, failed for good, or another engine has it
    const ids = batch.map((m) => m.id);
    try {
      const customer = await this.store.customers.findById(first.customer_id);
      if (!customer) throw new Error(`customer ${first.customer_id} not found`);
      const messages = batch.map((m) => JSON.parse(m.payload) as messagingApi.Message);
      if (first.reply_token && (first.reply_token_expires_at ?? 0) > this.now()) {
        try {
          await this.line.reply(first.reply_token, messages);
          await this.store.messages.markSent(ids, 'reply', this.now());
          return;
        } catch (error) {
          // The token is spent or stale. A timed-out reply may still have arrived; we push anyway
          // because a customer would rather read an answer twice than never.
          this.logger.warn({ retryKey, status: error instanceof LineApiError ? error.status : null }, 'reply failed, falling back to push');
          await this.store.messages.markAttemptFailed(ids, describe(error), false, false);
        }
      }
      await this.line.push(customer.line_user_id, messages, retryKey);
      await this.store.messages.markSent(ids, 'push', this.now());
    } catch (error) {
      const retryable = error instanceof LineApiError ? error.retryable : true;
      const final = !retryable || first.attempts + 1 >= MAX_PUSH_ATTEMPTS;
      this.logger.error({ retryKey, final, error: describe(error) }, 'outbound message not delivered');
      await this.store.messages.markAttemptFailed(ids, describe(error), final);
    } finally {
      await publishMessages(this.store, this.publisher, await this.store.messages.findByIds(ids), 'updated');
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof LineApiError) return `LINE ${error.status ?? 'network'}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
