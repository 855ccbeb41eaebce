/**
 * Moves SQLite's WAL checkpoints off the event loop. With SQLite's automatic checkpoint, the commit
 * that takes the WAL past 1,000 pages copies them into the database file and fsyncs it right there,
 * inside whatever request or event made that commit. Here a worker thread with a connection of its
 * own checkpoints every `intervalMs` in PASSIVE mode, which copies what it can without blocking
 * anyone. Under steady writes a PASSIVE checkpoint never catches the last frame, so the WAL would only
 * grow; past `restartPages` the worker restarts it (RESTART: a write that comes meanwhile waits on
 * busy_timeout while the few pages left are copied and synced). Restarts are rare on purpose: each
 * makes the webhooks of that moment wait, so with 16,000 pages (a WAL of up to about 64 MB) they stay
 * out of the 99th percentile (bench, docs/performance.md). The engine's own connection keeps a higher
 * automatic checkpoint as a backstop in case the worker stops.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  intervalMs: number;
  restartPages: number;
}

export const DEFAULT_CHECKPOINTS: CheckpointerOptions = { intervalMs: 200, restartPages: 16_000 };
/** the engine connection's own automatic checkpoint, only reached if the worker falls behind or dies */
export const BACKSTOP_PAGES = 40_000;

// plain JavaScript: a worker started from code does not go through the TypeScript loader
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    const [state] = db.pragma('wal_checkpoint(PASSIVE)');
    if (state && state.log >= workerData.restartPages) db.pragma('wal_checkpoint(RESTART)');
  } catch (error) {
    // busy or locked: the next round tries again (the engine's backstop checkpoint remains); anything
    // else is told to the engine
    if (!/busy|locked/i.test(String(error && error.code) + String(error && error.message))) parentPort.postMessage(String(error && error.message));
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  /** `onProblem`: told when a checkpoint fails for another reason than a busy database, or the worker dies */
  constructor(file: string, onProblem: (message: string) => void, options: CheckpointerOptions = DEFAULT_CHECKPOINTS) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, ...options } });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    let lastToldAt = Number.NEGATIVE_INFINITY;
    this.worker.on('message', (message: string) => {
      // a lasting problem would repeat every round: once a minute is enough to see it
      if (Date.now() - lastToldAt < 60_000) return;
      lastToldAt = Date.now();
      onProblem(`WAL checkpoint failed: ${message}`);
    });
    // a dead worker leaves checkpoints to the backstop; it must not take the engine down
    this.worker.on('error', (error) => onProblem(`WAL checkpointer stopped: ${error.message}`));
    this.worker.unref();
  }

  async stop(): Promise<void> {
    // held until it has closed its connection (unreferenced, it would not keep the process alive)
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
