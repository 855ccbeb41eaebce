/**
 * Every setting Baton reads, from environment variables, typed and validated in one place.
 * A wrong value stops start-up with a message naming the variable.
 */
import path from 'node:path';

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
  timeoutMs: number;
}

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  flowsDir: string;
  studioDir: string;
  line: LineConfig;
  admin: { email: string | null; password: string | null };
  /** HMAC key for access tokens; when unset one is generated once and kept in the database */
  tokenSecret: string | null;
  tokenTtlSeconds: number;
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
  };
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = text(env, 'HOST') ?? '0.0.0.0';
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
    publicUrl: text(env, 'BATON_PUBLIC_URL') ?? `http://localhost:${port}`,
    database: database(env, cwd),
    redisUrl: text(env, 'REDIS_URL') === null ? null : url(env, 'REDIS_URL', '', ['redis:', 'rediss:']),
    flowsDir: path.resolve(cwd, text(env, 'BATON_FLOWS_DIR') ?? './flows'),
    studioDir: path.resolve(cwd, text(env, 'BATON_STUDIO_DIR') ?? './dist/studio'),
    line: line(env),
    admin: { email, password },
    tokenSecret,
    tokenTtlSeconds: integer(env, 'BATON_TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    webhookBodyLimitBytes: integer(env, 'BATON_WEBHOOK_BODY_LIMIT', 1024 * 1024, 1024, 50 * 1024 * 1024),
    logLevel: text(env, 'LOG_LEVEL') ?? 'info',
  };
}
