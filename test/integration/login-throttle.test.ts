/**
 * Password guessing is slowed: after too many wrong passwords for one email from one address, sign-in
 * answers 429 for a while. Without Redis the counts live in the engine's memory. Runs on SQLite and
 * Postgres (BATON_TEST_DB).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';

let engine: TestEngine;

test.before(async () => {
  engine = await startTestEngine({ env: { BATON_LOGIN_MAX_FAILURES: '3' } });
});
test.after(() => engine?.stop());

function login(email: string, password: string): Promise<Response> {
  return fetch(`${engine.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

test('after three wrong passwords for one email, sign-in answers 429 with Retry-After, even with the right password', async () => {
  const { email, password } = engine.admin;
  for (let i = 0; i < 3; i++) assert.is((await login(email, 'wrong password')).status, 401);
  const refused = await login(email, password);
  assert.is(refused.status, 429);
  assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  assert.is(body.error.code, 'too_many_requests');
  assert.match(body.error.message, /Too many failed sign-ins/);
});

test('another email from the same address is not held back', async () => {
  assert.is((await login('someone-else@example.com', 'wrong password')).status, 401);
});

test('a right password before the limit clears the count', async () => {
  const email = 'second-admin@example.com';
  // a second engine on its own database gives a fresh admin to try with
  const other = await startTestEngine({ env: { BATON_LOGIN_MAX_FAILURES: '3', BATON_ADMIN_EMAIL: email } });
  try {
    const attempt = (password: string) =>
      fetch(`${other.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    for (let i = 0; i < 2; i++) assert.is((await attempt('wrong password')).status, 401);
    assert.is((await attempt(other.admin.password)).status, 200);
    for (let i = 0; i < 2; i++) assert.is((await attempt('wrong password')).status, 401, 'the count started again');
    assert.is((await attempt(other.admin.password)).status, 200);
  } finally {
    await other.stop();
  }
});

test.run();
