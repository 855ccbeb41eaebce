/**
 * Gathers work that arrives together and hands it over as one batch. Webhook ingest uses it to
 * store the events of all requests that arrived together with a single INSERT (one statement, one
 * commit) instead of one each: on SQLite's single connection that is fewer turns in the queue for it,
 * on Postgres fewer commits (docs/performance.md). A batch is flushed after a turn of the event loop
 * in which nothing joined it, or after MAX_TURNS turns: requests that arrive a moment apart (a busy
 * engine reads a few sockets per turn) share one commit, and no request waits on a timer. Waiting for
 * that one quiet turn instead of flushing at the first took 8-12% off the CPU per webhook event.
 *
 * A failed batch is flushed again one input at a time, so an input that fails (one request whose
 * events the database refuses) fails alone, and the others are answered as if it had never come.
 * `flush` must therefore be safe to repeat for inputs of a batch that failed: all or nothing, or
 * idempotent (webhook ingest inserts with "on conflict do nothing", in one transaction).
 */

/** turns of the event loop a batch may keep growing before it is flushed anyway */
const MAX_TURNS = 4;

export class TickBatcher<In, Out> {
  private pending: { input: In; resolve(out: Out): void; reject(error: unknown): void }[] = [];

  /** flush receives the inputs in arrival order and answers one output per input, in that order */
  constructor(private readonly flush: (inputs: In[]) => Promise<Out[]>) {}

  add(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (this.pending.length === 0) this.flushWhenQuiet(0, 0);
      this.pending.push({ input, resolve, reject });
    });
  }

  /** after this turn: flush, unless inputs joined since the last look (then look again a turn later) */
  private flushWhenQuiet(turns: number, seen: number): void {
    setImmediate(() => {
      if (this.pending.length > seen && turns < MAX_TURNS) this.flushWhenQuiet(turns + 1, this.pending.length);
      else void this.run();
    });
  }

  private async run(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const outputs = await this.flush(batch.map((item) => item.input));
      batch.forEach((item, i) => item.resolve(outputs[i] as Out));
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      // side by side: on Postgres each takes a connection of the pool; SQLite queues them anyway
      else await Promise.all(batch.map((item) => this.alone(item)));
    }
  }

  private async alone(item: { input: In; resolve(out: Out): void; reject(error: unknown): void }): Promise<void> {
    try {
      const [output] = await this.flush([item.input]);
      item.resolve(output as Out);
    } catch (error) {
      item.reject(error);
    }
  }
}
