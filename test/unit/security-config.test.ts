/** The settings that decide how exposed a deployment is, read as loadConfig reads them. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../../engine/config.ts';

const line = { LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' };

test('the sandbox listens on this machine only unless HOST says otherwise; a real LINE channel on every interface', () => {
  assert.is(loadConfig({}, '/x').host, '127.0.0.1');
  assert.is(loadConfig({ HOST: '0.0.0.0' }, '/x').host, '0.0.0.0');
  assert.is(loadConfig(line, '/x').host, '0.0.0.0');
});

test('X-Forwarded-For is believed only when BATON_TRUST_PROXY says so, for that many proxies', () => {
  assert.is(loadConfig({}, '/x').trustedProxies, 0);
  assert.is(loadConfig({ BATON_TRUST_PROXY: 'off' }, '/x').trustedProxies, 0);
  assert.is(loadConfig({ BATON_TRUST_PROXY: 'on' }, '/x').trustedProxies, 1);
  assert.is(loadConfig({ BATON_TRUST_PROXY: '2' }, '/x').trustedProxies, 2);
  for (const value of ['yes please', '0.5', '11']) {
    assert.throws(() => loadConfig({ BATON_TRUST_PROXY: value }, '/x'), (error: unknown) => error instanceof ConfigError && error.variable === 'BATON_TRUST_PROXY');
  }
});

test('sessions: 15-minute access tokens, 30 minutes idle, 24 hours at most, all configurable', () => {
  const defaults = loadConfig({}, '/x').auth;
  assert.is(defaults.tokenTtlSeconds, 900);
  assert.is(defaults.idleTimeoutMs, 30 * 60_000);
  assert.is(defaults.sessionMaxAgeMs, 24 * 3_600_000);
  const set = loadConfig({ BATON_TOKEN_TTL_SECONDS: '300', BATON_IDLE_TIMEOUT_MINUTES: '5', BATON_SESSION_MAX_HOURS: '8', BATON_AUDIT_RETENTION_DAYS: '90' }, '/x').auth;
  assert.equal([set.tokenTtlSeconds, set.idleTimeoutMs, set.sessionMaxAgeMs, set.auditRetentionDays], [300, 300_000, 8 * 3_600_000, 90]);
  assert.throws(() => loadConfig({ BATON_IDLE_TIMEOUT_MINUTES: '0' }, '/x'), (error: unknown) => error instanceof ConfigError && error.variable === 'BATON_IDLE_TIMEOUT_MINUTES');
});

test('BATON_PUBLIC_URL must be an http(s) URL', () => {
  assert.is(loadConfig({ BATON_PUBLIC_URL: 'https://chat.example.com/' }, '/x').publicUrl, 'https://chat.example.com');
  assert.throws(() => loadConfig({ BATON_PUBLIC_URL: 'chat.example.com' }, '/x'), (error: unknown) => error instanceof ConfigError && error.variable === 'BATON_PUBLIC_URL');
});

test.run();
