/**
 * Drains stored webhook events after the webhook has answered LINE. Several loops run side by side;
 * the store's claim keeps each customer's events in timestamp order and hands each event to one
 * loop. Events left "processing" by a dead process are taken over when their lease expires.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { EventHandler } from './event-handler.ts';

export interface EventProcessorOptions {
  concurrency: number;
  leaseMs: number;
  /** how often idle loops look for work another engine stored or a lease that expired */
  idlePollMs: number;
  maxAttempts: number;
  /** names this engine on the events it claims; default a fresh id */
  workerId?: string;
}

export class EventProcessor {
  readonly workerId: string;
  private running = false;
  private readonly loops: Promise<void>[] = [];
  /** idle loops, each woken by its timer or by kick() */
  private readonly sleepers = new Set<() => void>();

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
    // one loop per new event: waking every loop for one event makes them race for the same claim
    for (const wake of [...this.sleepers].slice(0, count)) wake();
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
        worked = await this.processOne();
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

  /** Processes one claimable event; false when there was none. */
  private async processOne(): Promise<boolean> {
    const event = await this.store.webhookEvents.claimNext(this.workerId, this.now(), this.options.leaseMs);
    if (!event) return false;
    try {
      await this.handler.handle(event, this.workerId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ eventId: event.id, type: event.type, attempt: event.attempts, error: message }, 'event failed');
      await this.store.webhookEvents.markAttemptFailed(event.id, this.workerId, message, this.options.maxAttempts);
    }
    return true;
  }
}
