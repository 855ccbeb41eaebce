/**
 * Gathers work that arrives together and hands it over as one batch. Webhook ingest uses it to
 * store the events of all requests that arrived together with a single INSERT (one statement, one
 * commit) instead of one each: on SQLite's single connection that is fewer turns in the queue for it,
 * on Postgres fewer commits (docs/performance.md). A batch is flushed after a turn of the event loop
 * in which nothing joined it, or after MAX_TURNS turns: requests that arrive a moment apart (a busy
 * engine reads a few sockets per turn) share one commit, and no request waits on a timer. Waiting for
 * that one quiet turn instead of flushing at the first took 8-12% off the CPU per webhook event.
 *
 * With `maxInFlight`, a batch that is ready while that many flushes are under way waits for one to
 * end, with everything that joins it meanwhile: group commit. With `regroupMs` as well, it then waits
 * up to that long more, until as many inputs have joined it as the flush just ended answered. Webhook
 * ingest on Postgres keeps one INSERT under way and regroups for 1 ms: every request waits for a
 * commit's fsync anyway, and a commit that starts while another is being flushed waits for that flush
 * and then for its own, so requests fall into two groups taking turns, each waiting for two fsyncs. The
 * requests just answered are the ones that come back next (LINE posts again once answered, like the
 * bench's connections): waiting for them puts everyone in one group, one fsync each.
 *
 * A failed batch is flushed again one input at a time, so an input that fails (one request whose
 * events the database refuses) fails alone, and the others are answered as if it had never come.
 * `flush` must therefore be safe to repeat for inputs of a batch that failed: all or nothing, or
 * idempotent (webhook ingest inserts with "on conflict do nothing", in one transaction).
 */

/** turns of the event loop a batch may keep growing before it is flushed anyway */
const MAX_TURNS = 4;

export interface TickBatcherOptions {
  /** flushes under way at once, at most; default unbounded */
  maxInFlight?: number;
  /** with maxInFlight: how long a batch that waited for a flush may wait after it for as many inputs as it answered; default 0 */
  regroupMs?: number;
}

interface Waiting<In, Out> {
  input: In;
  resolve(out: Out): void;
  reject(error: unknown): void;
}

export class TickBatcher<In, Out> {
  private pending: Waiting<In, Out>[] = [];
  private inFlight = 0;
  /** the pending batch has had its quiet turn and waits only for a flush to end */
  private ready = false;
  private readonly maxInFlight: number;
  private readonly regroupMs: number;
  /** regrouping: the batch goes once it holds this many inputs, or when the timer fires */
  private regroup: { size: number; timer: NodeJS.Timeout } | null = null;

  /** flush receives the inputs in arrival order and answers one output per input, in that order */
  constructor(
    private readonly flush: (inputs: In[]) => Promise<Out[]>,
    options: TickBatcherOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? Infinity;
    this.regroupMs = options.regroupMs ?? 0;
  }

  add(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (this.pending.length === 0) this.flushWhenQuiet(0, 0);
      this.pending.push({ input, resolve, reject });
      if (this.regroup && this.pending.length >= this.regroup.size) void this.run();
    });
  }

  /** after this turn: flush, unless inputs joined since the last look (then look again a turn later) */
  private flushWhenQuiet(turns: number, seen: number): void {
    setImmediate(() => {
      if (this.pending.length > seen && turns < MAX_TURNS) this.flushWhenQuiet(turns + 1, this.pending.length);
      else if (this.inFlight >= this.maxInFlight) this.ready = true;
      else void this.run();
    });
  }

  private async run(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.ready = false;
    if (this.regroup) clearTimeout(this.regroup.timer);
    this.regroup = null;
    this.inFlight += 1;
    try {
      await this.flushBatch(batch);
    } finally {
      this.inFlight -= 1;
      // a batch waited for this flush: it goes now, or once those just answered could have joined it
      if (this.ready && this.regroupMs > 0) this.regroup = { size: this.pending.length + batch.length, timer: setTimeout(() => void this.run(), this.regroupMs) };
      else if (this.ready) void this.run();
    }
  }

  private async flushBatch(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const outputs = await this.flush(batch.map((item) => item.input));
      batch.forEach((item, i) => item.resolve(outputs[i] as Out));
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      // side by side: on Postgres each takes a connection of the pool; SQLite queues them anyway
      else await Promise.all(batch.map((item) => this.alone(item)));
    }
  }

  private async alone(item: Waiting<In, Out>): Promise<void> {
    try {
      const [output] = await this.flush([item.input]);
      item.resolve(output as Out);
    } catch (error) {
      item.reject(error);
    }
  }
}
