/**
 * How much load each scenario applies. `full` is what `npm run bench` runs (the numbers);
 * `smoke` is the same code at toy sizes, run by the test suite to keep the bench working.
 */
export interface BenchSizes {
  ingest: { connections: number; warmupS: number; durationS: number; eventsPerBody: number[] };
  e2e: { operators: number; customers: number; timedSockets: number; rates: number[]; warmupS: number; durationS: number; drainS: number };
  fanout: { sockets: number; warmup: number; broadcasts: number; concurrency: number };
  memory: { sockets: number };
  flow: { durationMs: number };
  analytics: { conversations: number; days: number };
  /** customers (half of them known before the timed run), closed-loop connections and seconds, open-loop rates and seconds */
  bot: { customers: number; connections: number; closedS: number; closedRounds: number; rates: number[]; durationS: number; warmupS: number; drainS: number };
}

export const FULL: BenchSizes = {
  ingest: { connections: 10, warmupS: 1, durationS: 5, eventsPerBody: [1, 5] },
  e2e: { operators: 200, customers: 500, timedSockets: 10, rates: [500, 1_000], warmupS: 2, durationS: 10, drainS: 20 },
  fanout: { sockets: 1_000, warmup: 20, broadcasts: 300, concurrency: 4 },
  memory: { sockets: 1_000 },
  flow: { durationMs: 1_000 },
  analytics: { conversations: 100_000, days: 30 },
  bot: { customers: 1_000, connections: 10, closedS: 20, closedRounds: 5, rates: [500, 1_000], durationS: 10, warmupS: 2, drainS: 20 },
};

export const SMOKE: BenchSizes = {
  ingest: { connections: 2, warmupS: 0, durationS: 0.5, eventsPerBody: [1, 5] },
  e2e: { operators: 3, customers: 4, timedSockets: 2, rates: [20], warmupS: 0, durationS: 0.5, drainS: 10 },
  fanout: { sockets: 5, warmup: 1, broadcasts: 5, concurrency: 1 },
  memory: { sockets: 20 },
  flow: { durationMs: 30 },
  analytics: { conversations: 300, days: 3 },
  bot: { customers: 6, connections: 2, closedS: 0.5, closedRounds: 1, rates: [20], durationS: 0.5, warmupS: 0, drainS: 10 },
};
