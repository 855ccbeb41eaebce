/**
 * The dashboard's live cards ('analytics:live') for supervisors and admins, kept fresh as things happen with
 * no query per message: changes are coalesced, so the cards are computed at most once per interval (a
 * burst of 1,000 messages costs one or two rounds of queries, not 1,000), and only while a supervisor or
 * admin is connected to this engine (nobody watching: nothing computed).
 *
 * Several engines (REDIS_URL): each engine computes the cards for the supervisors connected to it and sends
 * them to those sockets only. A change seen on one engine is passed to the others (one message per interval
 * at most), so a supervisor hears of a customer queued on any engine, from their own engine, once a second
 * at most, and an engine with no supervisor connected computes nothing.
 *
 * Today's figures are computed from all of today's rows (about 150 ms at 3,300 conversations a day on
 * SQLite, docs/performance.md), on the event loop that also acknowledges webhooks: on a busy day the rounds
 * are spaced out so that the cards take at most a tenth of the engine's time.
 */
import type { AnalyticsLive } from '../../contracts/analytics.ts';
import type { Logger } from '../../logger.ts';

/** the most of the engine's time the live cards may take: a round that took c ms waits c / share before the next */
const MAX_SHARE = 0.1;

/** where the cards come from: AnalyticsService.live */
export interface LiveCardsSource {
  live(now: number): Promise<AnalyticsLive>;
}

/** the port the Socket.IO gateway implements for the cards */
export interface AnalyticsChannel {
  /** is a supervisor or admin connected to this engine? */
  listening(): boolean;
  /** sends the cards to this engine's supervisors and admins */
  send(live: AnalyticsLive): void;
  /** tells the other engines that the cards changed (nothing on a lone engine) */
  tellPeers(): void;
}

const closedChannel: AnalyticsChannel = { listening: () => false, send() {}, tellPeers() {} };

export class AnalyticsPublisher {
  private channel: AnalyticsChannel = closedChannel;
  private timer: NodeJS.Timeout | null = null;
  private computing: Promise<void> | null = null;
  /** monotonic ms of the last round's start: rounds are at least `gapMs` apart */
  private lastRound = Number.NEGATIVE_INFINITY;
  /** intervalMs, or longer after a costly round */
  private gapMs: number;
  private pending = false;
  private peersToTell = false;
  private stopped = false;

  constructor(
    private readonly source: LiveCardsSource,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly intervalMs = 1_000,
  ) {
    this.gapMs = intervalMs;
  }

  /** The gateway exists only once the HTTP server does, after the services that publish. */
  attach(channel: AnalyticsChannel): void {
    this.channel = channel;
  }

  /** something that moves the cards happened on this engine: a conversation changed, a message came or went */
  changed(): void {
    this.peersToTell = true;
    this.schedule();
  }

  /** another engine saw such a change */
  changedElsewhere(): void {
    this.schedule();
  }

  /** no more rounds; waits for one being computed */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.computing;
  }

  private schedule(): void {
    this.pending = true;
    // a round waiting or being computed takes this change too (one computing now schedules the next as it ends)
    if (this.timer || this.computing || this.stopped) return;
    const wait = Math.max(0, this.lastRound + this.gapMs - performance.now());
    this.timer = setTimeout(() => this.round(), wait);
  }

  private round(): void {
    this.timer = null;
    this.pending = false;
    this.lastRound = performance.now();
    if (this.peersToTell) {
      this.peersToTell = false;
      this.channel.tellPeers();
    }
    if (!this.channel.listening()) return;
    const started = this.lastRound;
    this.computing = this.source
      .live(this.now())
      .then(
        (live) => {
          if (!this.stopped) this.channel.send(live);
        },
        (error: unknown) => this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'live analytics not computed'),
      )
      .finally(() => {
        this.gapMs = Math.max(this.intervalMs, (performance.now() - started) / MAX_SHARE);
        this.computing = null;
        if (this.pending) this.schedule();
      });
  }
}
