/**
 * Gathers the work that arrives within one turn of the event loop and hands it over as one batch.
 * Webhook ingest uses it to store the events of all requests that arrived together with a single
 * INSERT (one statement, one commit) instead of one each: on SQLite's single connection that is
 * fewer turns in the queue for it, on Postgres fewer commits (docs/performance.md).
 */
export class TickBatcher<In, Out> {
  private pending: { input: In; resolve(out: Out): void; reject(error: unknown): void }[] = [];

  /** flush receives the inputs in arrival order and answers one output per input, in that order */
  constructor(private readonly flush: (inputs: In[]) => Promise<Out[]>) {}

  add(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.run());
      this.pending.push({ input, resolve, reject });
    });
  }

  private async run(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const outputs = await this.flush(batch.map((item) => item.input));
      batch.forEach((item, i) => item.resolve(outputs[i] as Out));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
