/**
 * Drains stored webhook events after the webhook has answered LINE. Several loops run side by side,
 * each taking a batch of whatever is waiting (one event per customer): the store's claim keeps each
 * customer's events in timestamp order and hands each event to one loop. A batch commits as one
 * (its events waiting for a LINE profile as a second part, event-handler.ts); if it fails, its events
 * (those of the part that failed) are retried one by one so that one bad event does not hold up the rest.
 * Events left "processing" by a dead engine are handed back as soon as its heartbeat says it died
 * (services/maintenance/engine-heartbeat.ts: at start on SQLite, within seconds on Postgres) and
 * kick() wakes the loops for them; the lease is the backstop, for a holder nobody noticed. An event
 * that is malformed (MalformedLineEventError: stored before the edge checked events, or by an older
 * engine) is stored as ignored at once: retrying it would fail the same way every time.
 */
import { randomUUID } from 'node:crypto';
import { MalformedLineEventError } from '../../line/line-event-check.ts';
import type { Logger } from '../../logger.ts';
import type { WebhookEventRow } from '../../store/repositories/webhook-events.repo.ts';
import type { Store } from '../../store/store.ts';
import { BatchPartlyApplied, type EventHandler } from './event-handler.ts';

export interface EventProcessorOptions {
  concurrency: number;
  /** most events a loop takes at once */
  batchSize: number;
  leaseMs: number;
  /** how often idle loops look for work another engine stored or a lease that expired */
  idlePollMs: number;
  maxAttempts: number;
  /** names this engine on the events it claims; default a fresh id */
  workerId?: string;
  /**
   * Awaited before each batch is claimed: webhook requests already being stored go first
   * (WebhookIngest.settled), so LINE's acknowledgement never waits for the database behind a
   * backlog of event processing. Processing still gets its turn: later requests do not hold it up.
   */
  ingestFirst?: () => Promise<void>;
}

export class EventProcessor {
  readonly workerId: string;
  private running = false;
  private readonly loops: Promise<void>[] = [];
  /** idle loops, each woken by its timer or by kick() */
  private readonly sleepers = new Set<() => void>();
  /** when a claim was last thorough (looked for abandoned events, and past the oldest pending ones) */
  private lastThoroughAt = Number.NEGATIVE_INFINITY;
  /** malformed events this processor stored as ignored (the store's countByStatus has the total) */
  private ignored = 0;

  constructor(
    private readonly store: Store,
    private readonly handler: EventHandler,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: EventProcessorOptions,
  ) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop());
  }

  /** New events were stored: wake idle loops now instead of at their next poll. */
  kick(count = Number.POSITIVE_INFINITY): void {
    // one loop per batch of new events: waking every loop for one event makes them race for the same claim
    for (const wake of [...this.sleepers].slice(0, Math.ceil(count / this.options.batchSize))) wake();
  }

  /** Stops taking events, lets the ones in hand finish, and hands back anything still claimed. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.kick();
    await Promise.all(this.loops);
    this.loops.length = 0;
    await this.store.webhookEvents.release(this.workerId);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.processBatch();
        // let waiting HTTP requests (webhook acks: LINE gives up after 2 s) run between events;
        // a backlog drained in one promise chain would starve them
        if (worked) await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'event loop error');
      }
      if (!worked && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.options.idlePollMs);
      this.sleepers.add(wake);
    });
  }

  /** Processes the claimable events, up to a batch; false when there were none. */
  private async processBatch(): Promise<boolean> {
    await this.options.ingestFirst?.();
    const now = this.now();
    // abandoned events wait out a lease of seconds anyway, and heads past the oldest pending events
    // exist only under a flood from a few customers: looking once per idle poll is soon enough
    const thorough = now - this.lastThoroughAt >= this.options.idlePollMs;
    if (thorough) this.lastThoroughAt = now;
    const events = await this.store.webhookEvents.claimBatch(this.workerId, now, this.options.leaseMs, this.options.batchSize, thorough);
    if (events.length === 0) return false;
    try {
      await this.handler.handle(events, this.workerId);
    } catch (error) {
      // nothing of the batch was kept, or only the events that did not wait for LINE: find the event at
      // fault among the others by handling each alone
      const [notApplied, reason] = error instanceof BatchPartlyApplied ? [error.notApplied, error.reason] : [events, error];
      if (notApplied.length === 1) await this.failed(notApplied[0] as WebhookEventRow, reason);
      else for (const event of notApplied) await this.handler.handle([event], this.workerId).catch((e: unknown) => this.failed(event, e));
    }
    return true;
  }

  private async failed(event: WebhookEventRow, error: unknown): Promise<void> {
    if (error instanceof MalformedLineEventError) {
      this.ignored += 1;
      // the reason names the place and the rule, never the value
      this.logger.warn({ eventId: event.id, type: event.type, reason: error.reason, ignoredSinceStart: this.ignored }, 'event ignored');
      await this.store.webhookEvents.markIgnored(event.id, this.workerId, error.reason, this.now());
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error({ eventId: event.id, type: event.type, attempt: event.attempts, error: message }, 'event failed');
    await this.store.webhookEvents.markAttemptFailed(event.id, this.workerId, message, this.options.maxAttempts);
  }
}
