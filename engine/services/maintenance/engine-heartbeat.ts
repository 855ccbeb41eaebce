/**
 * Who takes over a dead engine's work, and when. Events and outbound batches are claimed under
 * leases (30 s, 60 s) that are only a backstop: an engine that dies is noticed by its heartbeat
 * instead, and its claims are handed on within seconds.
 *
 * - SQLite: one engine per database file, so whatever another instance id holds when this engine
 *   starts belonged to a process that is gone (killed, crashed): it is taken back at once, before
 *   this engine claims anything. No heartbeat is needed.
 * - Postgres: every engine writes a heartbeat every second (from a worker thread, so GC pauses and
 *   event-loop stalls of up to `stallLimitMs` do not count; see store/heartbeat-writer.ts) and looks
 *   for engines whose heartbeat is older than `deadAfterMs` by the database's clock. Whoever deletes
 *   a dead engine's row takes over its events and batches in the same transaction. A crash is thus
 *   taken over at most `deadAfterMs` + `intervalMs` / 2 (3.5 s) after its last beat.
 *
 * Exactly once still holds if an engine is taken for dead while alive (a network partition from the
 * database, a worker that could not beat): only an event's holder can mark it done, inside the
 * transaction that applies it, so the slow engine's work is rolled back; a push is resent with its
 * retry key; a reply that may be in flight is never tried again (MessagesRepo.takeOverBatches).
 */
import type { DatabaseConfig } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { HeartbeatWriter, type Beat } from '../../store/heartbeat-writer.ts';
import type { Store } from '../../store/store.ts';

export interface HeartbeatTiming {
  /** how often the heartbeat is written (dead engines are looked for twice as often) */
  intervalMs: number;
  /** a heartbeat older than this means its engine is dead */
  deadAfterMs: number;
  /** the main thread may stall this long before the heartbeat stops vouching for it */
  stallLimitMs: number;
}

/**
 * 1 s beats, dead after 3 s: a crash is taken over within 3.5 s. The 3 s only has to cover a
 * beat's own trip to the database (the worker waits at most 1 s for its connection and 2 s for a
 * query, then fails that beat) and the worker thread's scheduling, not the main thread: the worker
 * keeps beating through main-thread GC pauses and event-loop stalls of up to 15 s. That is far
 * longer than a GC pause or a burst of synchronous work, and shorter than the 30 s event lease, so a
 * main thread wedged for good is still taken over before its leases would have run out.
 */
export const DEFAULT_HEARTBEAT: HeartbeatTiming = { intervalMs: 1_000, deadAfterMs: 3_000, stallLimitMs: 15_000 };

/** claims before an event whose engines keep dying is set aside as failed: the event processor's own limit */
const MAX_CLAIMS = 5;

export class EngineHeartbeat {
  private writer: HeartbeatWriter | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** when this engine's beats started succeeding without a break (performance.now()); null after a failure */
  private healthySince: number | null = null;
  private lookingForDead: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly options: { instanceId: string; database: DatabaseConfig; timing?: HeartbeatTiming },
    /** told when dead engines' work was taken over: claim it now rather than at the next poll */
    private readonly onTakeover: () => void,
  ) {}

  private get timing(): HeartbeatTiming {
    return this.options.timing ?? DEFAULT_HEARTBEAT;
  }

  /** Registers this engine and, on SQLite, takes back at once whatever dead predecessors held. */
  async start(): Promise<void> {
    const { instanceId, database } = this.options;
    await this.store.engines.register(instanceId);
    if (database.client === 'sqlite') {
      await this.takeBackFromPredecessors();
      return;
    }
    this.writer = new HeartbeatWriter(database, { instanceId, intervalMs: this.timing.intervalMs, stallLimitMs: this.timing.stallLimitMs }, (beat) => this.heard(beat));
    // looked for twice per beat: a death is noticed at most half a beat after it shows
    this.timer = setInterval(() => this.tick(), this.timing.intervalMs / 2);
    this.timer.unref();
  }

  /** Stops beating and leaves the list of engines (call once the work in hand was handed back). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.lookingForDead;
    await this.writer?.stop();
    this.writer = null;
    await this.store.engines.remove(this.options.instanceId);
  }

  private async takeBackFromPredecessors(): Promise<void> {
    const self = this.options.instanceId;
    const taken = await this.store.transaction(async (tx) => ({
      engines: await tx.engines.removeAllBut(self),
      events: await tx.webhookEvents.takeOverFrom({ allBut: self }, MAX_CLAIMS),
      batches: await tx.messages.takeOverBatches({ allBut: self }),
    }));
    if (taken.events.released + taken.events.failed + taken.batches.released + taken.batches.uncertain > 0) {
      this.logger.warn({ deadEngines: taken.engines.length, ...summary(taken) }, 'took back the work a stopped engine still held');
    }
  }

  /** from the main thread's timer: vouch for the main thread, then look for dead engines */
  private tick(): void {
    this.writer?.alive();
    if (this.lookingForDead || !this.mayJudgeOthers()) return;
    this.lookingForDead = this.takeOverDead()
      .catch((error: unknown) => this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'looking for dead engines failed'))
      .finally(() => {
        this.lookingForDead = null;
      });
  }

  /**
   * Only an engine whose own heartbeat has been written without a break for `deadAfterMs` judges the
   * others: after a database outage every heartbeat is old, and the first engine back must not take
   * everyone else's work before they had the time to beat again.
   */
  private mayJudgeOthers(): boolean {
    return this.healthySince !== null && performance.now() - this.healthySince >= this.timing.deadAfterMs;
  }

  private heard(beat: Beat): void {
    if (beat.ok) {
      this.healthySince ??= performance.now();
      if (beat.reRegistered) this.logger.warn('this engine was taken for dead: the work it held was handed on, and what it still finishes is refused');
      return;
    }
    if (this.healthySince !== null) this.logger.warn({ error: beat.error, stalled: beat.stalled }, 'heartbeat not written');
    this.healthySince = null;
  }

  private async takeOverDead(): Promise<void> {
    const { instanceId } = this.options;
    let tookOver = false;
    for (const dead of await this.store.engines.stale(instanceId, this.timing.deadAfterMs)) {
      const taken = await this.store.transaction(async (tx) => {
        // still stale when deleted, and deleted by one engine only: that one takes the work over
        if (!(await tx.engines.removeIfStale(dead, this.timing.deadAfterMs))) return null;
        return {
          events: await tx.webhookEvents.takeOverFrom({ holder: dead }, MAX_CLAIMS),
          batches: await tx.messages.takeOverBatches({ holder: dead }),
        };
      });
      if (!taken) continue;
      tookOver = true;
      this.logger.warn({ deadEngine: dead, ...summary(taken) }, 'took over the work of a dead engine');
    }
    if (tookOver) this.onTakeover();
  }
}

function summary(taken: { events: { released: number; failed: number }; batches: { released: number; uncertain: number } }) {
  return {
    events: taken.events.released,
    eventsSetAside: taken.events.failed,
    batches: taken.batches.released,
    repliesUncertain: taken.batches.uncertain,
  };
}
