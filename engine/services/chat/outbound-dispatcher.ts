/**
 * Sends pending outbound messages to LINE: the free reply token while it is fresh, else a push with
 * the batch's X-Line-Retry-Key (so a retried push is delivered once). Batches of one customer go out
 * in the order they were written.
 */
import type { messagingApi } from '@line/bot-sdk';
import { LineApiError, type LineClient } from '../../line/line-client.ts';
import type { Logger } from '../../logger.ts';
import { toMessageDto, type MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import type { RealtimePublisher } from '../realtime/realtime-publisher.ts';

/** After this many failed pushes a batch is marked failed and shown as such to operators. */
const MAX_PUSH_ATTEMPTS = 8;

export class OutboundDispatcher {
  /** retry keys being sent right now, so a sweep never sends a batch its creator is sending */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly line: LineClient,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
    private readonly now: () => number,
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
    for (const batch of batches.values()) await this.sendBatch(batch);
  }

  /** Sends without making the caller wait; failures are logged and left pending for the sweep. */
  sendInBackground(rows: MessageRow[]): void {
    this.send(rows).catch((error: unknown) => {
      this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'outbound dispatch failed');
    });
  }

  /** Retries whatever is still pending (after a crash, a LINE outage or a 5xx). */
  async sweep(limit = 200): Promise<void> {
    await this.send(await this.store.messages.pendingOutbound(limit));
  }

  private async sendBatch(batch: MessageRow[]): Promise<void> {
    const first = batch[0];
    if (!first?.retry_key || this.inFlight.has(first.retry_key)) return;
    const retryKey = first.retry_key;
    this.inFlight.add(retryKey);
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
          await this.store.messages.markAttemptFailed(ids, describe(error), false);
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
      this.inFlight.delete(retryKey);
      for (const row of await this.store.messages.findByIds(ids)) this.publisher.messageUpdated(toMessageDto(row));
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof LineApiError) return `LINE ${error.status ?? 'network'}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
