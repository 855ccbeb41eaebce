import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../engine/config.ts';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/baton');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('nothing configured gives the embedded defaults: SQLite under ./data, port 3000, sandbox LINE', () => {
  const config = loadConfig({}, '/srv/baton');
  assert.is(config.port, 3000);
  assert.equal(config.database, { client: 'sqlite', connection: '/srv/baton/data/baton.sqlite', poolMax: 1 });
  assert.is(config.line.sandbox, true);
  assert.is(config.flowsDir, '/srv/baton/flows');
  assert.is(config.redisUrl, null);
});

test('LINE credentials turn the sandbox off and keep the API URLs', () => {
  const config = loadConfig({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't', LINE_API_BASE_URL: 'http://127.0.0.1:9999/' }, '/x');
  assert.is(config.line.sandbox, false);
  assert.is(config.line.apiBaseUrl, 'http://127.0.0.1:9999');
  assert.is(config.line.dataApiBaseUrl, 'https://api-data.line.me');
});

test('LINE read receipts are on unless BATON_LINE_MARK_AS_READ turns them off', () => {
  assert.is(loadConfig({}, '/x').line.markAsRead, true);
  assert.is(loadConfig({ BATON_LINE_MARK_AS_READ: 'off' }, '/x').line.markAsRead, false);
  assert.is(loadConfig({ BATON_LINE_MARK_AS_READ: 'on' }, '/x').line.markAsRead, true);
});

test('a Postgres URL selects Postgres with the configured pool', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/baton', DATABASE_POOL_MAX: '25' }, '/x');
  assert.equal(config.database, { client: 'postgres', connection: 'postgres://u@db:5432/baton', poolMax: 25 });
});

test('each wrong value names its variable', () => {
  assert.is(failure({ PORT: 'eighty' }).variable, 'PORT');
  assert.is(failure({ PORT: '70000' }).variable, 'PORT');
  assert.is(failure({ DATABASE_URL: 'mysql://x' }).variable, 'DATABASE_URL');
  assert.is(failure({ LINE_CHANNEL_SECRET: 'only-the-secret' }).variable, 'LINE_CHANNEL_ACCESS_TOKEN');
  assert.is(failure({ LINE_CHANNEL_ACCESS_TOKEN: 'only-the-token' }).variable, 'LINE_CHANNEL_SECRET');
  assert.is(failure({ LINE_API_BASE_URL: 'not a url' }).variable, 'LINE_API_BASE_URL');
  assert.is(failure({ REDIS_URL: 'http://redis' }).variable, 'REDIS_URL');
  assert.is(failure({ BATON_ADMIN_EMAIL: 'nobody' }).variable, 'BATON_ADMIN_EMAIL');
  assert.is(failure({ BATON_ADMIN_PASSWORD: 'short' }).variable, 'BATON_ADMIN_PASSWORD');
  assert.is(failure({ BATON_TOKEN_SECRET: 'too-short' }).variable, 'BATON_TOKEN_SECRET');
  assert.is(failure({ BATON_LINE_MARK_AS_READ: 'sometimes' }).variable, 'BATON_LINE_MARK_AS_READ');
  assert.match(failure({ PORT: 'eighty' }).message, /^PORT: expected a whole number/);
});

test.run();
