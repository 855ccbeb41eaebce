/**
 * The outbox's sender: sends pending outbound messages to LINE on its own, so that event processing
 * and REST requests never wait on LINE. Committed rows are handed over with submit(), which returns
 * at once; at most `concurrency` batches are in flight, different customers side by side and one
 * customer's batches one at a time in the order written. A send LINE has not answered within
 * `stalledAfterMs` stops counting against that limit (up to four times it in all), so calls LINE left
 * hanging hold up only their own customers' later batches, not everyone's.
 *
 * Each batch goes out as a reply while its token is fresh, else as a push with the batch's
 * X-Line-Retry-Key (so a retried push is delivered once). A reply LINE refused falls back to a push;
 * a reply whose outcome is unknown (no answer in time, connection cut) may have arrived, so it is
 * marked `uncertain` and never pushed: a token works once and a push would be a second copy.
 *
 * Several engines share one outbox: a batch is claimed in the store under a send lease before it is
 * sent, and only while no earlier batch of its customer is pending, so one engine sends it, in order.
 * An engine that dies mid-send is taken over by its heartbeat (docs/reliability.md; the lease is only the
 * backstop): a push is sent again with the same retry key, so LINE delivers it once; a reply that may
 * have been in flight is marked `uncertain`.
 */
import type { messagingApi } from '@line/bot-sdk';
import { LineApiError, LineCallAbortedError } from '../../line/line-client.ts';
import type { Logger } from '../../logger.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import type { LineClients } from '../channels/line-clients.ts';
import type { RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { publishMessages } from './publish-messages.ts';
import { SendQueue, type QueuedBatch } from './send-queue.ts';
import { TickBatcher } from './tick-batcher.ts';

/** After this many failed pushes a batch is marked failed and shown as such to operators. */
const MAX_PUSH_ATTEMPTS = 8;
/** Batches remembered in memory; more stay pending in the store for the sweep. */
const MAX_QUEUED = 10_000;
/** Sends in flight at most, stalled ones included, as a multiple of `concurrency`. */
const STALLED_ALLOWANCE = 4;

export interface OutboundDispatcherOptions {
  /** names this engine on the batches it holds */
  owner: string;
  /** how long a claimed batch stays with this engine; longer than a push with all its retries */
  leaseMs: number;
  /** batches in flight at once (BATON_OUTBOX_CONCURRENCY) */
  concurrency: number;
  /** a send in flight longer than this no longer holds a slot */
  stalledAfterMs: number;
}

interface InFlight {
  abort: AbortController;
  done: Promise<void>;
  stalled: boolean;
}

export class OutboundDispatcher {
  private readonly queue = new SendQueue(MAX_QUEUED);
  /** by retry key */
  private readonly inFlight = new Map<string, InFlight>();
  /** customers with a batch in flight: their next one waits */
  private readonly busy = new Set<string>();
  private stopped = false;
  /**
   * Sends started together are claimed with one statement, and those LINE took together are marked
   * sent with one: on SQLite each standalone write is a commit of its own (pages appended to the
   * WAL), which cost more than the statements themselves.
   */
  private readonly claims = new TickBatcher<string, MessageRow[]>((retryKeys) => this.claimTogether(retryKeys));
  private readonly sentMarks = new TickBatcher<{ ids: number[]; via: 'reply' | 'push' }, MessageRow[]>((marks) => this.markSentTogether(marks));

  constructor(
    private readonly store: Store,
    /** each batch goes out with its customer's channel's token */
    private readonly line: LineClients,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: OutboundDispatcherOptions,
  ) {}

  /** Queues committed rows for sending and returns at once; delivery status arrives as `message:updated`. */
  submit(rows: readonly MessageRow[]): void {
    if (this.stopped) return; // left pending and unclaimed: the next engine's sweep sends them
    for (const batch of batchesOf(rows)) if (!this.inFlight.has(batch.retryKey)) this.queue.add(batch);
    this.pump();
  }

  /** Queues whatever is pending and not being sent (after a crash, a LINE outage, a full queue). */
  async sweep(limit = 200): Promise<void> {
    if (this.stopped) return;
    this.submit(await this.store.messages.pendingOutbound(limit, this.now()));
  }

  /**
   * Sends nothing new, lets the requests in flight finish, and hands back any batch still held. After
   * `abortAfterMs` it stops waiting for LINE: an abandoned push is handed back (resent elsewhere with
   * its retry key: delivered once), an abandoned reply is marked uncertain (it may have arrived).
   */
  async stop(abortAfterMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopped = true;
    this.queue.clear();
    const sending = [...this.inFlight.values()];
    const timer = Number.isFinite(abortAfterMs) ? setTimeout(() => this.abortAll(), abortAfterMs) : undefined;
    try {
      await Promise.allSettled(sending.map((s) => s.done));
    } finally {
      clearTimeout(timer);
    }
    await this.store.messages.releaseBatches(this.options.owner);
  }

  /** Stops waiting for every LINE call in flight now (shutdown). */
  abortAll(): void {
    for (const sending of this.inFlight.values()) sending.abort.abort();
  }

  private pump(): void {
    const { concurrency } = this.options;
    while (!this.stopped && this.active() < concurrency && this.inFlight.size < concurrency * STALLED_ALLOWANCE) {
      const next = this.queue.take((customerId) => this.busy.has(customerId));
      if (!next) return;
      this.start(next);
    }
  }

  /** sends in flight that LINE may still answer in time */
  private active(): number {
    let active = 0;
    for (const sending of this.inFlight.values()) if (!sending.stalled) active++;
    return active;
  }

  private start(batch: QueuedBatch): void {
    const sending: InFlight = { abort: new AbortController(), done: Promise.resolve(), stalled: false };
    // LINE has not answered in time: let other customers' batches have the slot
    const stallTimer = setTimeout(() => {
      sending.stalled = true;
      this.pump();
    }, this.options.stalledAfterMs);
    stallTimer.unref();
    sending.done = this.sendBatch(batch.retryKey, sending.abort.signal)
      .then((lastId) => (lastId === null ? undefined : this.followOn(batch.customerId, lastId)))
      .catch((error: unknown) => this.logger.error({ retryKey: batch.retryKey, error: describe(error) }, 'outbound dispatch failed'))
      .finally(() => {
        clearTimeout(stallTimer);
        this.inFlight.delete(batch.retryKey);
        this.busy.delete(batch.customerId);
        this.pump();
      });
    this.inFlight.set(batch.retryKey, sending);
    this.busy.add(batch.customerId);
  }

  /**
   * A customer's batch is done: queue their next one if this engine does not hold it already. It may
   * have been written on another engine, whose claim then waited for this batch.
   */
  private async followOn(customerId: string, lastId: number): Promise<void> {
    if (this.stopped || this.queue.hasQueued(customerId)) return;
    this.submit(await this.store.messages.nextPendingOf(customerId, lastId, this.now()));
  }

  /** claimBatch for every retry key at once; each key gets its own rows (none when it was not claimed) */
  private async claimTogether(retryKeys: string[]): Promise<MessageRow[][]> {
    const rows = await this.store.messages.claimBatches(retryKeys, this.options.owner, this.now(), this.options.leaseMs);
    return retryKeys.map((key) => rows.filter((row) => row.retry_key === key));
  }

  /** markSent for every batch at once (one statement per way sent); each gets its own rows back */
  private async markSentTogether(marks: { ids: number[]; via: 'reply' | 'push' }[]): Promise<MessageRow[][]> {
    const now = this.now();
    const byId = new Map<number, MessageRow>();
    for (const via of ['reply', 'push'] as const) {
      const ids = marks.filter((m) => m.via === via).flatMap((m) => m.ids);
      if (ids.length > 0) for (const row of await this.store.messages.markSent(ids, via, now)) byId.set(row.id, row);
    }
    return marks.map((mark) => mark.ids.flatMap((id) => byId.get(id) ?? []));
  }

  /** Sends one batch; the id of its last row, or null when it was not ours to send. */
  private async sendBatch(retryKey: string, signal: AbortSignal): Promise<number | null> {
    const batch = await this.claims.add(retryKey);
    const first = batch[0];
    const last = batch.at(-1);
    // sent already, failed for good, held by another engine, or behind an earlier batch of its customer
    if (!first || !last) return null;
    const ids = batch.map((m) => m.id);
    let sent: MessageRow[] | null = null;
    try {
      sent = await this.deliver(batch, first, retryKey, signal);
    } finally {
      // a sent batch's rows came back from marking them; any other outcome is read back
      await publishMessages(this.store, this.publisher, sent ?? (await this.store.messages.findByIds(ids)), 'updated');
    }
    return last.id;
  }

  /** The batch's rows once LINE took it; null when it did not (the rows say why). */
  private async deliver(batch: MessageRow[], first: MessageRow, retryKey: string, signal: AbortSignal): Promise<MessageRow[] | null> {
    const ids = batch.map((m) => m.id);
    try {
      const messages = batch.map((m) => JSON.parse(m.payload) as messagingApi.Message);
      const line = await this.line.ofCustomer(first.customer_id);
      if (first.reply_token && (first.reply_token_expires_at ?? 0) > this.now()) {
        const failure = await line.reply(first.reply_token, messages, { signal }).then(
          () => null,
          (error: unknown) => error,
        );
        if (failure === null) return await this.sentMarks.add({ ids, via: 'reply' });
        if (mayHaveArrived(failure)) {
          this.logger.warn({ retryKey, error: describe(failure) }, 'reply outcome unknown: marked uncertain, not pushed');
          await this.store.messages.markUncertain(ids, describe(failure));
          return null;
        }
        // LINE refused the token (spent or stale) or could not be reached: the customer has nothing yet
        this.logger.warn({ retryKey, status: failure instanceof LineApiError ? failure.status : null }, 'reply failed, falling back to push');
        await this.store.messages.markAttemptFailed(ids, describe(failure), false, false);
      }
      // only a push needs the customer's LINE id: a reply goes by its token
      const customer = await this.store.customers.findById(first.customer_id);
      if (!customer) throw new Error(`customer ${first.customer_id} not found`);
      await line.push(customer.line_user_id, messages, retryKey, { signal });
      return await this.sentMarks.add({ ids, via: 'push' });
    } catch (error) {
      // shutdown stopped waiting: not an attempt; stop() hands the batch back, to be resent with its key
      if (error instanceof LineCallAbortedError) return null;
      const retryable = error instanceof LineApiError ? error.retryable : true;
      const final = !retryable || first.attempts + 1 >= MAX_PUSH_ATTEMPTS;
      this.logger.error({ retryKey, final, error: describe(error) }, 'outbound message not delivered');
      await this.store.messages.markAttemptFailed(ids, describe(error), final);
      return null;
    }
  }
}

/**
 * Whether a failed reply may still have reached the customer: LINE gave no answer (our timeout, a
 * connection cut mid-request, a call abandoned at shutdown). A 4xx is a refusal, a 5xx is LINE saying
 * "not now" (see docs/decisions.md for that trade-off), and a connection never made sent nothing.
 */
function mayHaveArrived(error: unknown): boolean {
  if (!(error instanceof LineApiError)) return true;
  return error.status === null && error.requestSent;
}

/** The rows' batches (rows sharing a retry key), each with its customer and first id. */
function batchesOf(rows: readonly MessageRow[]): QueuedBatch[] {
  const batches = new Map<string, QueuedBatch>();
  for (const row of rows) {
    if (row.direction !== 'out' || row.delivery_status !== 'pending' || !row.retry_key) continue;
    const known = batches.get(row.retry_key);
    if (!known) batches.set(row.retry_key, { retryKey: row.retry_key, customerId: row.customer_id, firstId: row.id });
    else if (row.id < known.firstId) known.firstId = row.id;
  }
  return [...batches.values()];
}

function describe(error: unknown): string {
  if (error instanceof LineApiError) return `LINE ${error.status ?? 'network'}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
