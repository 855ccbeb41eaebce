/**
 * A real Baton under test, in a process of its own: startBaton on a throwaway database, talking
 * through the real @line/bot-sdk to a FakeLinePlatform in this same process. The parent sets up
 * operators and claimed conversations through `start`, then drives the engine over HTTP and
 * Socket.IO like LINE and the studio would.
 *
 * A second engine can `join` the first one's setup, as a scaled-out deployment does: the same
 * Postgres database, channel secret, token secret, Redis and key prefix, a FakeLinePlatform of its
 * own. It creates nothing (no database, no operators, no customers) and deletes nothing on stop:
 * the engine that made the setup drops the database and the Redis keys when it stops, last.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { startBaton, type RunningBaton } from '../../engine/baton.ts';
import { loadConfig } from '../../engine/config.ts';
import { FakeLinePlatform } from '../../engine/line/sandbox/fake-line-platform.ts';
import { createLogger } from '../../engine/logger.ts';
import { AccessTokens } from '../../engine/services/auth/access-token.ts';
import { SessionService } from '../../engine/services/auth/session.service.ts';
import { createBenchDatabase, type BenchDatabase, type DbKind } from '../lib/bench-database.ts';
import { repoRoot, serveParent } from '../lib/child-process.ts';
import { MemorySampler, memoryNow, type MemoryFigures } from '../lib/memory.ts';
import { installSqlStats, sqlStats } from '../lib/sql-stats.ts';
import { dropRedisKeys } from '../../test/support/redis-keys.ts';

if (process.env.BATON_BENCH_SQL_STATS === '1') installSqlStats();

export interface EngineStartOptions {
  db: DbKind;
  /** false stores webhook events without handling them (the ingest figure) */
  processEvents: boolean;
  /** operators created, each with a signed access token */
  operators: number;
  /** customers with an ACTIVE conversation, claimed round-robin by the first `assignees` operators */
  customers: number;
  assignees: number;
  /** share Socket.IO and counters through this Redis (scale-out mode), under a key prefix of its own */
  redisUrl?: string | null;
  /** LINE's API at this URL (the bot scenario's fake, in the load generator) instead of this process's FakeLinePlatform */
  lineApiUrl?: string;
}

/** what another engine needs to join this one's setup (scale-out: one database, one Redis prefix) */
export interface EngineShared {
  databaseUrl: string;
  tokenSecret: string;
  adminPassword: string;
  /** null without Redis */
  redisUrl: string | null;
  redisPrefix: string | null;
}

export interface EngineJoinOptions {
  /** the first engine's info: its database, secrets and Redis prefix, operators and customers */
  owner: EngineInfo;
  processEvents: boolean;
}

export interface BenchOperator {
  id: string;
  token: string;
}

export interface BenchCustomer {
  userId: string;
  conversationId: string;
  operatorId: string;
}

export interface EngineInfo {
  url: string;
  channelSecret: string;
  /** the token the engine sends LINE (a baseline talking to the same fake uses it too) */
  channelAccessToken: string;
  destination: string;
  operators: BenchOperator[];
  customers: BenchCustomer[];
  /** the engine runs in scale-out mode on this Redis */
  redis: boolean;
  shared: EngineShared;
}

const ACCESS_TOKEN = 'bench-channel-access-token';
/** `database` and `redis` are set on the engine that made the setup: it deletes them on stop */
let running: { baton: RunningBaton; fake: FakeLinePlatform; database: BenchDatabase | null; redis: { url: string; prefix: string } | null } | null = null;
const sampler = new MemorySampler();

/** Starts Baton on `shared` with a FakeLinePlatform of its own; the fake is closed again if Baton does not start. */
async function startOn(shared: EngineShared, channelSecret: string, processEvents: boolean, lineApiUrl?: string): Promise<{ baton: RunningBaton; fake: FakeLinePlatform }> {
  if (running) throw new Error('an engine is already running in this process');
  const fake = new FakeLinePlatform({ channelAccessToken: ACCESS_TOKEN });
  const lineUrl = lineApiUrl ?? (await fake.listen(0, '127.0.0.1'));
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: shared.databaseUrl,
    BATON_FLOWS_DIR: path.join(repoRoot, 'flows'),
    BATON_STUDIO_DIR: path.join(repoRoot, 'dist/studio'),
    BATON_ADMIN_EMAIL: 'admin@bench.local',
    BATON_ADMIN_PASSWORD: shared.adminPassword,
    BATON_TOKEN_SECRET: shared.tokenSecret,
    LINE_CHANNEL_SECRET: channelSecret,
    LINE_CHANNEL_ACCESS_TOKEN: ACCESS_TOKEN,
    LINE_API_BASE_URL: lineUrl,
    LINE_DATA_API_BASE_URL: lineUrl,
    LOG_LEVEL: process.env.BATON_BENCH_LOG_LEVEL ?? 'silent',
  };
  if (shared.redisUrl && shared.redisPrefix) Object.assign(env, { REDIS_URL: shared.redisUrl, REDIS_KEY_PREFIX: shared.redisPrefix });
  try {
    const config = loadConfig(env, repoRoot);
    const baton = await startBaton({ config, logger: createLogger(env.LOG_LEVEL ?? 'silent'), processEvents });
    return { baton, fake };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

async function start(options: EngineStartOptions): Promise<EngineInfo> {
  const database = await createBenchDatabase(options.db);
  const channelSecret = randomBytes(16).toString('hex');
  const shared: EngineShared = {
    databaseUrl: database.url,
    tokenSecret: randomBytes(32).toString('base64url'),
    adminPassword: randomBytes(12).toString('hex'),
    redisUrl: options.redisUrl ?? null,
    redisPrefix: options.redisUrl ? `baton-bench-${randomBytes(4).toString('hex')}:` : null,
  };
  let baton: RunningBaton;
  let fake: FakeLinePlatform;
  try {
    ({ baton, fake } = await startOn(shared, channelSecret, options.processEvents, options.lineApiUrl));
  } catch (error) {
    // an engine that does not start leaves no database behind
    await database.drop();
    throw error;
  }
  const tokenSecret = shared.tokenSecret;
  running = { baton, fake, database, redis: shared.redisUrl && shared.redisPrefix ? { url: shared.redisUrl, prefix: shared.redisPrefix } : null };

  const now = Date.now();
  const operators: BenchOperator[] = [];
  // each operator signed in as the engine signs people in (a session row, an access token from it), minus the password
  const hour = 3_600_000;
  const sessions = new SessionService(baton.store, new AccessTokens(tokenSecret, hour / 1000), { idleTimeoutMs: hour, maxAgeMs: hour }, Date.now);
  for (let i = 0; i < options.operators; i++) {
    const id = randomUUID();
    const name = `Operator ${i + 1}`;
    await baton.store.operators.insert({
      id, email: `operator${i + 1}@bench.local`, name, role: 'operator', skills: '[]', capacity: 1_000,
      presence: 'away', password_hash: 'bench: signs in with a token only', totp_secret: null, created_at: now,
    });
    operators.push({ id, token: (await sessions.open(id, null, { address: null, userAgent: null })).accessToken });
  }

  const customers: BenchCustomer[] = [];
  const assignees = Math.max(1, Math.min(options.assignees, operators.length));
  for (let i = 0; i < options.customers; i++) {
    const operator = operators[i % assignees];
    if (!operator) throw new Error('conversations need at least one operator');
    const userId = `U${randomBytes(16).toString('hex')}`;
    fake.setProfile(userId, { displayName: `Customer ${i + 1}` });
    const { customer } = await baton.store.customers.findOrCreate(userId, now);
    await baton.store.customers.updateProfile(customer.id, { displayName: `Customer ${i + 1}`, pictureUrl: null, language: 'en', statusMessage: null }, now);
    await baton.store.customers.setMode(customer.id, 'HUMAN', now);
    const conversation = await baton.store.conversations.create({ customerId: customer.id, flowVersion: baton.flowVersion, onCloseStep: 'goodbye', now });
    if (!(await baton.store.conversations.claim(conversation.id, operator.id, now))) throw new Error('claim failed');
    customers.push({ userId, conversationId: conversation.id, operatorId: operator.id });
  }
  sampler.start();
  return { url: baton.url, channelSecret, channelAccessToken: ACCESS_TOKEN, destination: fake.botUserId, operators, customers, redis: Boolean(shared.redisUrl), shared };
}

/**
 * A second engine on the owner's setup. It creates nothing (the owner made the database, the
 * operators and the conversations; migrations, the admin and the flows are already there) and
 * answers the owner's info with its own URL: tokens, customers and signatures made for the owner
 * work here too.
 */
async function join(options: EngineJoinOptions): Promise<EngineInfo> {
  const { owner } = options;
  if (!owner.shared.databaseUrl.startsWith('postgres')) throw new Error('only engines on Postgres can share a database');
  const { baton, fake } = await startOn(owner.shared, owner.channelSecret, options.processEvents);
  // profiles as the owner's fake has them, should a handler on this engine ask LINE for one
  owner.customers.forEach((customer, i) => fake.setProfile(customer.userId, { displayName: `Customer ${i + 1}` }));
  running = { baton, fake, database: null, redis: null };
  sampler.start();
  return { ...owner, url: baton.url };
}

async function stop(): Promise<void> {
  sampler.stop();
  if (!running) return;
  const { baton, fake, database, redis } = running;
  running = null;
  await baton.stop();
  await fake.close();
  await database?.drop();
  if (redis) await dropRedisKeys(redis.url, redis.prefix);
}

serveParent(
  {
    start: (options: EngineStartOptions) => start(options),
    /** a second engine on the setup of the one whose info is given (see EngineJoinOptions) */
    join: (options: EngineJoinOptions) => join(options),
    /** heap and RSS now; after a full GC when asked (the process runs with --expose-gc) */
    memory: (args: { gc?: boolean }): MemoryFigures => memoryNow(args.gc === true),
    /** the highest RSS since the last call, sampled every 100 ms */
    peakRss: (): number => sampler.takePeak(),
    /** webhook events by status: the parent waits for the backlog to drain */
    eventCounts: async (): Promise<Record<string, number>> => (running ? running.baton.store.webhookEvents.countByStatus() : {}),
    /** LINE API calls the fake received (replies, pushes, profiles) */
    lineCalls: (): number => running?.fake.calls.length ?? 0,
    /** SQLite time per statement, when started with BATON_BENCH_SQL_STATS=1 */
    sqlStats: () => sqlStats(),
    stop,
  },
  stop,
);
