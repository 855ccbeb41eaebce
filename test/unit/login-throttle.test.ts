/** The sign-in throttle and the cap on password hashes, on their own (counters in memory, and in Redis). */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '../../engine/errors.ts';
import { LoginThrottle } from '../../engine/services/auth/login-throttle.ts';
import { PasswordHasher } from '../../engine/services/auth/password-hasher.ts';

async function refusal(work: Promise<unknown>): Promise<UserError | null> {
  try {
    await work;
    return null;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}

const retryAfter = (error: UserError | null) => Number(error?.headers['retry-after']);

test('an account waits after maxFailures wrong sign-ins from any address, twice as long after each further one', async () => {
  const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 900_000, redis: null, firstBackoffSeconds: 1 });
  for (const address of ['10.0.0.1', '10.0.0.2']) await throttle.failed('nok@example.com', address);
  assert.is(await refusal(throttle.check('nok@example.com', '10.0.0.3')), null, 'two failures: still allowed');
  await throttle.failed('NOK@example.com', '10.0.0.3');
  const first = await refusal(throttle.check('nok@example.com', '10.0.0.9'));
  assert.is(first?.status, 429, 'blocked from a fresh address too');
  assert.is(retryAfter(first), 1);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  assert.is(await refusal(throttle.check('nok@example.com', '10.0.0.9')), null, 'the wait is over');
  await throttle.failed('nok@example.com', '10.0.0.9');
  assert.is(retryAfter(await refusal(throttle.check('nok@example.com', '10.0.0.9'))), 2, 'the next wait is twice as long');
  await throttle.succeeded('nok@example.com');
  assert.is(await refusal(throttle.check('nok@example.com', '10.0.0.9')), null, 'a right password clears it');
  assert.is(await refusal(throttle.check('pim@example.com', '10.0.0.9')), null, 'other accounts were never held back');
});

test('one address guessing over many accounts is blocked for the window after maxFailures x 5', async () => {
  const throttle = new LoginThrottle({ maxFailures: 2, windowMs: 60_000, redis: null });
  for (let i = 0; i < 9; i++) await throttle.failed(`user${i}@example.com`, '10.0.0.7');
  assert.is(await refusal(throttle.check('someone@example.com', '10.0.0.7')), null, 'nine: one more try');
  await throttle.failed('user9@example.com', '10.0.0.7');
  const blocked = await refusal(throttle.check('someone@example.com', '10.0.0.7'));
  assert.is(blocked?.status, 429);
  assert.ok(retryAfter(blocked) > 50 && retryAfter(blocked) <= 60);
  assert.is(await refusal(throttle.check('someone@example.com', '10.0.0.8')), null, 'another address is not');
});

test('with Redis the counts live in Redis, so engines sharing it add up their failures', async () => {
  const client = createClient({ url: 'redis://127.0.0.1:6379', disableOfflineQueue: true });
  await client.connect();
  const keyPrefix = `baton-test-${randomBytes(4).toString('hex')}:`;
  try {
    const options = { maxFailures: 2, windowMs: 60_000, redis: { client, keyPrefix } };
    const one = new LoginThrottle(options);
    const two = new LoginThrottle(options);
    await one.failed('nok@example.com', '10.0.0.1');
    await two.failed('nok@example.com', '10.0.0.2');
    assert.is((await refusal(one.check('nok@example.com', '10.0.0.3')))?.status, 429, 'two engines, two failures, one account');
    assert.ok((await client.keys(`${keyPrefix}*`)).length > 0, 'kept in Redis');
  } finally {
    const keys = await client.keys(`${keyPrefix}*`);
    if (keys.length > 0) await client.del(keys);
    await client.close();
  }
});

test('at most `concurrency` password hashes run at once and at most `queueMax` wait; more answer 503 busy', async () => {
  const hasher = new PasswordHasher({ concurrency: 1, queueMax: 1 });
  const results = await Promise.allSettled([hasher.hash('one password'), hasher.hash('two password'), hasher.hash('three password')]);
  assert.equal(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected']);
  const rejected = results[2];
  assert.ok(rejected?.status === 'rejected' && rejected.reason instanceof UserError && rejected.reason.status === 503 && rejected.reason.code === 'busy');
  assert.ok(await hasher.verify('one password', await hasher.hash('one password')), 'and afterwards it works again');
});

test.run();
