/**
 * Every setting Baton reads, from environment variables, typed and validated in one place.
 * A wrong value stops start-up with a message naming the variable.
 */
import path from 'node:path';
import { validate as isCronExpression } from 'node-cron';

export interface DatabaseConfig {
  client: 'sqlite' | 'postgres';
  /** file path for sqlite, connection string for postgres */
  connection: string;
  poolMax: number;
}

export interface LineConfig {
  /** true when no LINE credentials are set: Baton runs its own fake LINE platform */
  sandbox: boolean;
  channelSecret: string | null;
  channelAccessToken: string | null;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
  /** a reply token is used only while younger than this (LINE: within one minute) */
  replyTokenTtlMs: number;
  /** per LINE call (push, profile, ...): a push that timed out is retried with its key */
  timeoutMs: number;
  /** how long a reply is waited for: one that times out may have arrived, so it is not pushed again */
  replyTimeoutMs: number;
  /** longest an event waits for a new customer's profile; later, the name is filled in when LINE answers */
  profileWaitMs: number;
  /** mark the customer's messages read on LINE when the operator holding the conversation opens it */
  markAsRead: boolean;
  /** admins are warned once the month's count against LINE's message quota reaches this percentage of it (docs/line-quota.md) */
  quotaWarnPercent: number;
}

/** How work is shared between engine instances (see docs/deploy.md). */
export interface WorkersConfig {
  /** event loops per engine; each holds one database connection while it works */
  concurrency: number;
  /** most events one loop handles in one transaction */
  eventBatchSize: number;
  /** how long a claimed webhook event stays with its engine before another may take it over */
  eventLeaseMs: number;
  /** how long an outbound batch being sent stays with its engine before another may resend it */
  outboxLeaseMs: number;
  /** outbound batches sent to LINE at once per engine (different customers; one at a time each) */
  outboxConcurrency: number;
}

export interface CronConfig {
  enabled: boolean;
  /** IANA zone the schedules are read in; null: the server's zone */
  timezone: string | null;
  retentionSchedule: string;
  /** processed webhook events older than this are deleted by the retention job */
  retentionDays: number;
}

/** How relayed events are delivered to the relay's targets (docs/relay.md). */
export interface RelayConfig {
  /** an attempt a target has not answered within this is abandoned and retried */
  attemptTimeoutMs: number;
  /** wait before the second attempt, doubled for each next one up to an hour */
  retryMs: number;
  /** an event not delivered this long after it arrived is given up */
  giveUpAfterMs: number;
}

/** Analytics (docs/metrics.md). */
export interface AnalyticsConfig {
  /** IANA zone days are counted in; null: the business calendar's zone, else BATON_CRON_TIMEZONE, else UTC */
  timezone: string | null;
  /** id of the BusinessHours document "business" durations use; null: the first of the active flows */
  calendar: string | null;
  /** a closed conversation counts as resolved at first contact when its customer is not handed off again within this */
  fcrWindowHours: number;
  /** when the daily rollup runs (read in BATON_CRON_TIMEZONE) */
  rollupSchedule: string;
}

/** Built-in notifiers (plugins/): each is on when its settings are present. */
export interface NotifierConfig {
  telegram: { botToken: string; chatId: string; apiBaseUrl: string } | null;
  webhook: { url: string; secret: string | null } | null;
}

/** Sessions and sign-in (see docs/security.md). */
export interface AuthConfig {
  /** HMAC key for access tokens; when unset one is generated once and kept in the database */
  tokenSecret: string | null;
  /** lifetime of an access token (the studio refreshes it before it ends) */
  tokenTtlSeconds: number;
  /** a session ends after this long without activity */
  idleTimeoutMs: number;
  /** and after this long in any case */
  sessionMaxAgeMs: number;
  /** wrong sign-ins per account before it must wait (growing backoff), x5 per address */
  loginMaxFailures: number;
  loginWindowMs: number;
  /** audit entries older than this are deleted by the retention job */
  auditRetentionDays: number;
}

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /**
   * proxies in front of Baton whose X-Forwarded-For to believe (0: none, the peer is the client). Believing
   * a header a client can set lets anyone choose the address the sign-in throttle and the audit log see.
   */
  trustedProxies: number;
  database: DatabaseConfig;
  redisUrl: string | null;
  /** prefix of every Redis key and stream Baton uses, so several deployments can share one Redis */
  redisKeyPrefix: string;
  workers: WorkersConfig;
  cron: CronConfig;
  analytics: AnalyticsConfig;
  /** wait between SIGTERM (readyz 503) and closing, so a load balancer stops routing here first */
  shutdownGraceMs: number;
  notifiers: NotifierConfig;
  flowsDir: string;
  /** where the customers' images, video, audio and files fetched from LINE are kept (docs/media.md); 0700 */
  mediaDir: string;
  /** the webhook relay's delivery (docs/relay.md) */
  relay: RelayConfig;
  /** re-validate and publish the flows folder when a file changes (development) */
  watchFlows: boolean;
  studioDir: string;
  line: LineConfig;
  /**
   * BATON_ENCRYPTION_KEY, 32 bytes: encrypts the secrets and tokens of channels added through the API
   * (docs/channels.md). null: such channels cannot be added; the default channel (the environment's) works.
   */
  encryptionKey: Buffer | null;
  /**
   * BATON_PREVIOUS_ENCRYPTION_KEY, while rotating the key (docs/channels.md): values sealed with it still open,
   * and an engine starting re-seals them with BATON_ENCRYPTION_KEY.
   */
  previousEncryptionKey: Buffer | null;
  admin: { email: string | null; password: string | null };
  auth: AuthConfig;
  webhookBodyLimitBytes: number;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = text(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected ${protocols.join(' or ')} URL, got "${parsed.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

function database(env: Env, cwd: string): DatabaseConfig {
  const raw = text(env, 'DATABASE_URL') ?? 'sqlite:./data/baton.sqlite';
  const poolMax = integer(env, 'DATABASE_POOL_MAX', 10, 1, 500);
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length);
    if (!file) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/baton.sqlite');
    return { client: 'sqlite', connection: file === ':memory:' ? file : path.resolve(cwd, file), poolMax: 1 };
  }
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    return { client: 'postgres', connection: raw, poolMax };
  }
  throw new ConfigError('DATABASE_URL', `expected sqlite:PATH or postgres://..., got "${raw.split(':')[0]}:..."`);
}

function line(env: Env): LineConfig {
  const channelSecret = text(env, 'LINE_CHANNEL_SECRET');
  const channelAccessToken = text(env, 'LINE_CHANNEL_ACCESS_TOKEN');
  if (channelSecret && !channelAccessToken) {
    throw new ConfigError('LINE_CHANNEL_ACCESS_TOKEN', 'required when LINE_CHANNEL_SECRET is set');
  }
  if (channelAccessToken && !channelSecret) {
    throw new ConfigError('LINE_CHANNEL_SECRET', 'required when LINE_CHANNEL_ACCESS_TOKEN is set');
  }
  return {
    sandbox: channelSecret === null,
    channelSecret,
    channelAccessToken,
    apiBaseUrl: url(env, 'LINE_API_BASE_URL', 'https://api.line.me', ['https:', 'http:']),
    dataApiBaseUrl: url(env, 'LINE_DATA_API_BASE_URL', 'https://api-data.line.me', ['https:', 'http:']),
    replyTokenTtlMs: integer(env, 'LINE_REPLY_TOKEN_TTL_MS', 50_000, 1_000, 60_000),
    timeoutMs: integer(env, 'LINE_TIMEOUT_MS', 10_000, 100, 120_000),
    replyTimeoutMs: integer(env, 'LINE_REPLY_TIMEOUT_MS', 30_000, 100, 120_000),
    profileWaitMs: integer(env, 'LINE_PROFILE_WAIT_MS', 1_000, 0, 120_000),
    markAsRead: toggle(env, 'BATON_LINE_MARK_AS_READ', true),
    quotaWarnPercent: integer(env, 'BATON_QUOTA_WARN_PERCENT', 80, 1, 100),
  };
}

function cronSchedule(env: Env, name: string, fallback: string): string {
  const value = text(env, name) ?? fallback;
  if (!isCronExpression(value)) throw new ConfigError(name, `not a cron expression: "${value}"`);
  return value;
}

function timezone(env: Env, name: string): string | null {
  const value = text(env, name);
  if (value === null) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new ConfigError(name, `unknown time zone "${value}" (expected e.g. Asia/Bangkok)`);
  }
  return value;
}

function toggle(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'off', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected on or off, got "${raw}"`);
}

function notifiers(env: Env): NotifierConfig {
  const botToken = text(env, 'BATON_TELEGRAM_BOT_TOKEN');
  const chatId = text(env, 'BATON_TELEGRAM_CHAT_ID');
  if ((botToken === null) !== (chatId === null)) {
    throw new ConfigError(botToken === null ? 'BATON_TELEGRAM_BOT_TOKEN' : 'BATON_TELEGRAM_CHAT_ID', 'set both BATON_TELEGRAM_BOT_TOKEN and BATON_TELEGRAM_CHAT_ID, or neither');
  }
  const webhookUrl = text(env, 'BATON_NOTIFY_WEBHOOK_URL');
  return {
    telegram:
      botToken && chatId
        ? { botToken, chatId, apiBaseUrl: url(env, 'BATON_TELEGRAM_API_BASE_URL', 'https://api.telegram.org', ['https:', 'http:']) }
        : null,
    webhook: webhookUrl ? { url: url(env, 'BATON_NOTIFY_WEBHOOK_URL', '', ['https:', 'http:']), secret: text(env, 'BATON_NOTIFY_WEBHOOK_SECRET') } : null,
  };
}

/** off (default), on (one proxy), or how many proxies stand in front of Baton */
function trustedProxies(env: Env): number {
  const raw = text(env, 'BATON_TRUST_PROXY');
  if (raw === null || ['0', 'off', 'false', 'no'].includes(raw.toLowerCase())) return 0;
  if (['on', 'true', 'yes'].includes(raw.toLowerCase())) return 1;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 1 || hops > 10) throw new ConfigError('BATON_TRUST_PROXY', `expected off, on or a number of proxies from 1 to 10, got "${raw}"`);
  return hops;
}

/** 32 bytes as 64 hex digits or as base64 (44 characters with padding, 43 without; base64url too) */
function encryptionKey(env: Env, variable: 'BATON_ENCRYPTION_KEY' | 'BATON_PREVIOUS_ENCRYPTION_KEY'): Buffer | null {
  const raw = text(env, variable);
  if (raw === null) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(raw) ? Buffer.from(raw, 'base64') : null;
  if (key === null || key.length !== 32) {
    throw new ConfigError(variable, 'expected 32 bytes as 64 hex digits or base64, e.g. the output of `openssl rand -base64 32`');
  }
  return key;
}

/** the key being rotated away from: only beside a current key, and not the same one */
function previousEncryptionKey(env: Env, current: Buffer | null): Buffer | null {
  const previous = encryptionKey(env, 'BATON_PREVIOUS_ENCRYPTION_KEY');
  if (previous === null) return null;
  if (current === null) throw new ConfigError('BATON_PREVIOUS_ENCRYPTION_KEY', 'set BATON_ENCRYPTION_KEY to the new key as well: the previous key only opens what it sealed');
  if (previous.equals(current)) throw new ConfigError('BATON_PREVIOUS_ENCRYPTION_KEY', 'is the same key as BATON_ENCRYPTION_KEY');
  return previous;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const currentKey = encryptionKey(env, 'BATON_ENCRYPTION_KEY');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const lineConfig = line(env);
  // the sandbox lets anyone who reaches it act as a LINE customer: only this machine, unless HOST says otherwise
  const host = text(env, 'HOST') ?? (lineConfig.sandbox ? '127.0.0.1' : '0.0.0.0');
  const email = text(env, 'BATON_ADMIN_EMAIL');
  if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new ConfigError('BATON_ADMIN_EMAIL', `not an email address: "${email}"`);
  }
  const password = text(env, 'BATON_ADMIN_PASSWORD');
  if (password !== null && password.length < 8) {
    throw new ConfigError('BATON_ADMIN_PASSWORD', 'must be at least 8 characters');
  }
  const tokenSecret = text(env, 'BATON_TOKEN_SECRET');
  if (tokenSecret !== null && tokenSecret.length < 32) {
    throw new ConfigError('BATON_TOKEN_SECRET', 'must be at least 32 characters');
  }
  return {
    port,
    host,
    publicUrl: url(env, 'BATON_PUBLIC_URL', `http://localhost:${port}`, ['https:', 'http:']),
    trustedProxies: trustedProxies(env),
    database: database(env, cwd),
    redisUrl: text(env, 'REDIS_URL') === null ? null : url(env, 'REDIS_URL', '', ['redis:', 'rediss:']),
    redisKeyPrefix: text(env, 'REDIS_KEY_PREFIX') ?? 'baton:',
    workers: {
      concurrency: integer(env, 'BATON_WORKER_CONCURRENCY', 4, 1, 64),
      eventBatchSize: integer(env, 'BATON_EVENT_BATCH_SIZE', 25, 1, 500),
      eventLeaseMs: integer(env, 'BATON_EVENT_LEASE_MS', 30_000, 1_000, 3_600_000),
      outboxLeaseMs: integer(env, 'BATON_OUTBOX_LEASE_MS', 60_000, 1_000, 3_600_000),
      outboxConcurrency: integer(env, 'BATON_OUTBOX_CONCURRENCY', 32, 1, 1_000),
    },
    cron: {
      enabled: toggle(env, 'BATON_CRON', true),
      timezone: timezone(env, 'BATON_CRON_TIMEZONE'),
      retentionSchedule: cronSchedule(env, 'BATON_RETENTION_CRON', '30 3 * * *'),
      retentionDays: integer(env, 'BATON_RETENTION_DAYS', 30, 1, 3650),
    },
    analytics: {
      timezone: timezone(env, 'BATON_ANALYTICS_TIMEZONE'),
      calendar: text(env, 'BATON_ANALYTICS_CALENDAR'),
      fcrWindowHours: integer(env, 'BATON_FCR_WINDOW_HOURS', 24, 1, 24 * 30),
      rollupSchedule: cronSchedule(env, 'BATON_ANALYTICS_ROLLUP_CRON', '20 0 * * *'),
    },
    shutdownGraceMs: integer(env, 'BATON_SHUTDOWN_GRACE_MS', 0, 0, 120_000),
    notifiers: notifiers(env),
    flowsDir: path.resolve(cwd, text(env, 'BATON_FLOWS_DIR') ?? './flows'),
    mediaDir: path.resolve(cwd, text(env, 'BATON_MEDIA_DIR') ?? './data/media'),
    relay: {
      attemptTimeoutMs: integer(env, 'BATON_RELAY_TIMEOUT_MS', 5_000, 100, 60_000),
      retryMs: integer(env, 'BATON_RELAY_RETRY_MS', 10_000, 100, 3_600_000),
      giveUpAfterMs: integer(env, 'BATON_RELAY_GIVE_UP_HOURS', 24, 1, 24 * 7) * 3_600_000,
    },
    watchFlows: toggle(env, 'BATON_WATCH_FLOWS', false),
    studioDir: path.resolve(cwd, text(env, 'BATON_STUDIO_DIR') ?? './dist/studio'),
    line: lineConfig,
    encryptionKey: currentKey,
    previousEncryptionKey: previousEncryptionKey(env, currentKey),
    admin: { email, password },
    auth: {
      tokenSecret,
      tokenTtlSeconds: integer(env, 'BATON_TOKEN_TTL_SECONDS', 15 * 60, 60, 24 * 3600),
      idleTimeoutMs: integer(env, 'BATON_IDLE_TIMEOUT_MINUTES', 30, 1, 24 * 60) * 60_000,
      sessionMaxAgeMs: integer(env, 'BATON_SESSION_MAX_HOURS', 24, 1, 720) * 3_600_000,
      loginMaxFailures: integer(env, 'BATON_LOGIN_MAX_FAILURES', 10, 1, 10_000),
      loginWindowMs: integer(env, 'BATON_LOGIN_WINDOW_SECONDS', 900, 1, 86_400) * 1000,
      auditRetentionDays: integer(env, 'BATON_AUDIT_RETENTION_DAYS', 365, 1, 3650),
    },
    webhookBodyLimitBytes: integer(env, 'BATON_WEBHOOK_BODY_LIMIT', 1024 * 1024, 1024, 50 * 1024 * 1024),
    logLevel: text(env, 'LOG_LEVEL') ?? 'info',
  };
}
