/**
 * Writes this engine's heartbeat (engines.last_seen_at) every `intervalMs` from a worker thread with
 * a database connection of its own, so that a live engine that is merely busy never looks dead:
 * a long GC pause or a stalled event loop on the main thread does not stop the worker (V8 collects
 * each isolate's heap on its own), and a connection pool saturated by slow queries does not delay
 * a beat. The main thread says "alive" every time its own timer runs; once it has said nothing for
 * `stallLimitMs` the worker stops beating too, so an engine whose main thread is wedged for good is
 * taken over a few seconds later instead of after its leases.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../config.ts';
import { heartbeatStatements } from './repositories/engines.repo.ts';

export interface HeartbeatWriterOptions {
  instanceId: string;
  intervalMs: number;
  /** the main thread may stall this long (GC, synchronous work) before the worker stops vouching for it */
  stallLimitMs: number;
}

/** What the worker tells the main thread after each round. */
export type Beat =
  | { ok: true; /** the row was gone: another engine took this one's work over */ reRegistered: boolean }
  | { ok: false; /** the main thread said nothing for too long, so no beat was written */ stalled: boolean; error: string };

// plain JavaScript: a worker started from code does not go through the TypeScript loader
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { client, connection, driver, instanceId, intervalMs, stallLimitMs, sql } = workerData;
let beat;
let close;
if (client === 'postgres') {
  const { Pool } = require(driver);
  // one connection, reopened after a failure; a beat that cannot finish within the interval fails
  const pool = new Pool({ connectionString: connection, max: 1, connectionTimeoutMillis: intervalMs, query_timeout: intervalMs * 2 });
  pool.on('error', () => {});
  beat = async () => {
    if ((await pool.query(sql.renew, [instanceId])).rowCount > 0) return false;
    await pool.query(sql.register, [instanceId]);
    return true;
  };
  close = () => pool.end();
} else {
  const Database = require(driver);
  const db = new Database(connection);
  db.pragma('busy_timeout = ' + intervalMs);
  const renew = db.prepare(sql.renew);
  const register = db.prepare(sql.register);
  beat = async () => {
    if (renew.run(instanceId).changes > 0) return false;
    register.run(instanceId);
    return true;
  };
  close = async () => db.close();
}
let aliveAt = Date.now();
let stopping = false;
let wake = () => {};
parentPort.on('message', (message) => {
  if (message === 'alive') aliveAt = Date.now();
  if (message === 'stop') {
    stopping = true;
    wake();
  }
});
(async () => {
  while (!stopping) {
    const started = Date.now();
    if (started - aliveAt > stallLimitMs) {
      parentPort.postMessage({ ok: false, stalled: true, error: 'the main thread said nothing for ' + (started - aliveAt) + ' ms' });
    } else {
      try {
        parentPort.postMessage({ ok: true, reRegistered: await beat() });
      } catch (error) {
        parentPort.postMessage({ ok: false, stalled: false, error: String((error && error.message) || error) });
      }
    }
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started)));
      wake = () => { clearTimeout(timer); resolve(); };
    });
  }
  await close().catch(() => {});
  parentPort.close();
})();
`;

export class HeartbeatWriter {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  /** `onBeat`: told after every round, on the main thread (late, if the main thread was stalled) */
  constructor(database: DatabaseConfig, options: HeartbeatWriterOptions, onBeat: (beat: Beat) => void) {
    const postgres = database.client === 'postgres';
    const driver = createRequire(import.meta.url).resolve(postgres ? 'pg' : 'better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { client: database.client, connection: database.connection, driver, sql: heartbeatStatements(postgres), ...options },
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', onBeat);
    // a dead worker stops the heartbeat: other engines take this one's work over, which is safe
    // (only a holder can finish an event) and better than nobody noticing
    this.worker.on('error', (error) => onBeat({ ok: false, stalled: false, error: `heartbeat worker stopped: ${error.message}` }));
    // the heartbeat never keeps a process alive that is otherwise done
    this.worker.unref();
  }

  /** The main thread is running: say so (from a timer, not from the work loop). */
  alive(): void {
    this.worker.postMessage('alive');
  }

  /** Stops beating; resolves once the worker has closed its connection. */
  async stop(): Promise<void> {
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
