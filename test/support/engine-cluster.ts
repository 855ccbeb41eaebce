/**
 * Several engines as child processes on one Postgres + Redis, sharing a FakeLinePlatform that runs in
 * the test process: what a scaled-out deployment looks like, on one machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { repoRoot, studioDir, TEST_ACCESS_TOKEN, type TestLine } from './engine-harness.ts';
import type { TestDatabase } from './test-database.ts';
import { dropRedisKeys } from './redis-keys.ts';

export const REDIS_URL = process.env.BATON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

/** One JSON log line of an engine (pino). */
export interface LogLine {
  msg?: string;
  level?: number;
  [field: string]: unknown;
}

export interface EngineProcess {
  name: string;
  url: string;
  instanceId: string;
  /** every log line so far */
  logs: LogLine[];
  /** resolves with the exit code (null when killed by a signal) */
  exited: Promise<number | null>;
  postWebhook(body: string): Promise<Response>;
  /** SIGTERM, then waits for the process to end; resolves its exit code */
  stop(): Promise<number | null>;
  /** SIGKILL: no cleanup at all, like a crashed machine */
  kill(): Promise<void>;
}

export interface Cluster {
  database: TestDatabase;
  line: TestLine;
  redisPrefix: string;
  /** the environment every engine of this cluster gets */
  env: Record<string, string>;
  start(name: string, extraEnv?: Record<string, string>): Promise<EngineProcess>;
  /** kills engines still running, closes the fake LINE and deletes this cluster's Redis keys */
  close(): Promise<void>;
}

const READY = 'BATON_READY ';

export async function createCluster(database: TestDatabase, env: Record<string, string> = {}): Promise<Cluster> {
  const fake = new FakeLinePlatform({ channelAccessToken: TEST_ACCESS_TOKEN });
  const line: TestLine = { fake, url: await fake.listen(), secret: randomBytes(16).toString('hex') };
  // a prefix per suite: suites running side by side on one Redis never hear each other
  const redisPrefix = `baton-test-${randomBytes(4).toString('hex')}:`;
  const clusterEnv: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '8',
    REDIS_URL: REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    BATON_FLOWS_DIR: path.join(repoRoot, 'flows'),
    BATON_STUDIO_DIR: studioDir,
    BATON_ADMIN_EMAIL: ADMIN.email,
    BATON_ADMIN_PASSWORD: ADMIN.password,
    LINE_CHANNEL_SECRET: line.secret,
    LINE_CHANNEL_ACCESS_TOKEN: TEST_ACCESS_TOKEN,
    LINE_API_BASE_URL: line.url,
    LINE_DATA_API_BASE_URL: line.url,
    LOG_LEVEL: 'info',
    ...env,
  };
  const engines = new Set<EngineProcess>();
  return {
    database,
    line,
    redisPrefix,
    env: clusterEnv,
    async start(name, extraEnv = {}) {
      const engine = await spawnEngine(name, { ...clusterEnv, ...extraEnv }, line.secret);
      engines.add(engine);
      void engine.exited.then(() => engines.delete(engine));
      return engine;
    },
    async close() {
      await Promise.all([...engines].map((engine) => engine.kill()));
      await fake.close();
      // engines started without Redis (REDIS_URL '') left nothing there
      if (clusterEnv.REDIS_URL) await dropRedisKeys(clusterEnv.REDIS_URL, redisPrefix);
    },
  };
}

async function spawnEngine(name: string, env: Record<string, string>, secret: string): Promise<EngineProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/support/engine-process.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    // the IPC channel only tells the engine when this process is gone
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const logs: LogLine[] = [];
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ url: string; instanceId: string }>((resolve, reject) => {
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(READY)) resolve(JSON.parse(line.slice(READY.length)) as { url: string; instanceId: string });
        else if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine);
        else output.push(line);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`engine ${name} exited (${code}) before it was ready:\n${output.join('\n')}`)));
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const { url, instanceId } = await ready.finally(() => clearTimeout(timeout));
  return {
    name,
    url,
    instanceId,
    logs,
    exited,
    postWebhook: (body) =>
      fetch(`${url}/webhooks/line`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, secret) },
        body,
      }),
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * uvu drops an error thrown by a before hook (the suite just reports 0 passed); this prints it first.
 * @example test.before(printingErrors(async () => { ... }));
 */
export function printingErrors(hook: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await hook();
    } catch (error) {
      console.error('before hook failed:', error);
      throw error;
    }
  };
}
