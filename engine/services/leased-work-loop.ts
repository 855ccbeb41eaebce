/**
 * The loop behind work that is queued in a table and done off the request path, one engine per row under a
 * lease (media fetches, relay deliveries): claims due rows while there is room (a few at a time), runs each on
 * its own, looks again when one finishes, when kicked (work was just queued) or every `pollMs`; `stop` stops
 * claiming, aborts the rows in hand and hands them back so another engine takes them at once.
 */
import type { Logger } from '../logger.ts';

export interface LeasedWork<Row> {
  /** what the log calls this work ("media fetch", "relay delivery") */
  readonly name: string;
  /** claims at most `room` due rows for this engine (under its lease) */
  claim(room: number): Promise<Row[]>;
  /** a row's identity while in hand */
  key(row: Row): number | string;
  /** does one row's work; `shutdown` aborts when the engine stops */
  run(row: Row, shutdown: AbortSignal): Promise<void>;
  /** hands back the rows this engine still holds */
  release(): Promise<void>;
}

export interface LeasedWorkLoopOptions {
  /** rows in hand at once */
  concurrency: number;
  /** how often due rows are looked for when nothing kicked the loop */
  pollMs: number;
}

export class LeasedWorkLoop<Row> {
  private readonly inFlight = new Map<number | string, { abort: () => void; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private claiming: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly work: LeasedWork<Row>,
    private readonly logger: Logger,
    private readonly options: LeasedWorkLoopOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.kick();
  }

  /** Looks for due rows now (some were just queued, or one finished). */
  kick(): void {
    if (this.stopped || this.claiming) return;
    this.claiming = this.claim()
      .catch((error: unknown) => this.logger.error({ error: String(error) }, `${this.work.name} claim failed`))
      .finally(() => {
        this.claiming = null;
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.claiming;
    for (const row of this.inFlight.values()) row.abort();
    await Promise.allSettled([...this.inFlight.values()].map((row) => row.done));
    await this.work.release();
  }

  private async claim(): Promise<void> {
    const room = this.options.concurrency - this.inFlight.size;
    if (room <= 0) return;
    for (const row of await this.work.claim(room)) this.begin(row);
  }

  private begin(row: Row): void {
    const key = this.work.key(row);
    const controller = new AbortController();
    const done = this.work
      .run(row, controller.signal)
      .catch((error: unknown) => this.logger.error({ key, error: String(error) }, `${this.work.name} failed unexpectedly`))
      .finally(() => {
        this.inFlight.delete(key);
        // room for the next one
        this.kick();
      });
    this.inFlight.set(key, { abort: () => controller.abort(), done });
  }
}
