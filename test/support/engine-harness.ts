/**
 * Starts a real Baton in-process on an ephemeral port, on a fresh test database, talking through the
 * real @line/bot-sdk to a FakeLinePlatform of the test's own (or, with sandbox: true, to the engine's
 * built-in sandbox LINE).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { startBaton, type RunningBaton } from '../../engine/baton.ts';
import { loadConfig } from '../../engine/config.ts';
import { createLogger, type Logger } from '../../engine/logger.ts';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import { signLineBody } from '../../engine/line/signature.ts';
import { createTestDatabase, type TestDatabase, type TestDbKind } from './test-database.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** the built studio the engines serve: BATON_TEST_STUDIO_DIR lets parallel work build and test its own copy */
export const studioDir = process.env.BATON_TEST_STUDIO_DIR ?? path.join(repoRoot, 'dist/studio');

export interface TestEngineOptions {
  db?: TestDbKind;
  /** reuse a database (restart tests); the caller drops it */
  database?: TestDatabase;
  /** run on the engine's own sandbox LINE instead of a fake owned by the test */
  sandbox?: boolean;
  /** reuse a fake LINE platform and channel secret across restarts (from a previous TestEngine.line) */
  line?: TestLine;
  processEvents?: boolean;
  env?: Record<string, string>;
  /** the engine's clock (default Date.now); see TestClock */
  now?: () => number;
  /** the engine's logger (default: pino at LOG_LEVEL, silent unless set), e.g. one that keeps its lines */
  logger?: Logger;
}

/** Real time plus an offset the test moves forward, for policies measured in minutes. */
export class TestClock {
  private offsetMs = 0;
  readonly now = () => Date.now() + this.offsetMs;
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestLine {
  fake: FakeLinePlatform;
  url: string;
  secret: string;
}

export interface TestEngine {
  baseUrl: string;
  admin: { email: string; password: string };
  baton: RunningBaton;
  database: TestDatabase;
  fakeLine: FakeLinePlatform;
  channelSecret: string;
  line: TestLine;
  /** posts a correctly signed webhook body; returns the HTTP status */
  postWebhook(body: string, signature?: string): Promise<Response>;
  /** stops the engine; drops the database and the fake unless they were passed in */
  stop(): Promise<void>;
}

export const TEST_ACCESS_TOKEN = 'test-channel-access-token';
const admin = { email: 'admin@example.com', password: 'correct-horse-battery' };

export async function startTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const database = options.database ?? (await createTestDatabase(options.db));
  const ownsFake = !options.line && !options.sandbox;
  let line: TestLine | null = options.line ?? null;
  if (ownsFake) {
    const fake = new FakeLinePlatform({ channelAccessToken: TEST_ACCESS_TOKEN });
    line = { fake, url: await fake.listen(), secret: randomBytes(16).toString('hex') };
  }
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    BATON_FLOWS_DIR: path.join(repoRoot, 'flows'),
    BATON_STUDIO_DIR: studioDir,
    BATON_ADMIN_EMAIL: admin.email,
    BATON_ADMIN_PASSWORD: admin.password,
    // each engine its own media folder, out of the repository's data/
    BATON_MEDIA_DIR: path.join(os.tmpdir(), `baton-test-media-${randomBytes(6).toString('hex')}`),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...options.env,
  };
  if (line) {
    Object.assign(env, {
      LINE_CHANNEL_SECRET: line.secret,
      LINE_CHANNEL_ACCESS_TOKEN: TEST_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
    });
  }
  const config = loadConfig(env, repoRoot);
  const baton = await startBaton({ config, logger: options.logger ?? createLogger(env.LOG_LEVEL ?? 'silent'), processEvents: options.processEvents, ...(options.now ? { now: options.now } : {}) });
  const used: TestLine = baton.sandbox ? { fake: baton.sandbox.fake, url: '', secret: baton.sandbox.channelSecret } : (line as TestLine);
  return {
    baseUrl: baton.url,
    admin,
    baton,
    database,
    fakeLine: used.fake,
    channelSecret: used.secret,
    line: used,
    postWebhook: (body, signature) =>
      fetch(`${baton.url}/webhooks/line`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': signature ?? signLineBody(body, used.secret) },
        body,
      }),
    async stop() {
      await baton.stop();
      if (ownsFake) await used.fake.close();
      if (!options.database) await database.drop();
    },
  };
}
