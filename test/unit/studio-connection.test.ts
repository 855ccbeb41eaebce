/**
 * The studio's view of the engine when calls do not get through: Retry-After read from the header,
 * the back-off between tries, which failures are outages, and the connection status that has reads
 * wait for one shared round, probes when no read is waiting, and clears as soon as a call gets through.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ApiRequestError } from '../../studio/src/api/api-error.ts';
import { ConnectionState, ConnectionStatus } from '../../studio/src/api/connection-status.ts';
import { EngineUnreachableError, fetchEngine } from '../../studio/src/api/fetch-engine.ts';
import { OutageKind, outageOf } from '../../studio/src/api/outage.ts';
import { parseRetryAfter } from '../../studio/src/api/retry-after.ts';
import { retryDelayMs } from '../../studio/src/api/retry-delay.ts';

const MIDDLE = () => 0.5;

test('Retry-After is read as seconds or as an HTTP date, and nonsense is no answer', () => {
  assert.is(parseRetryAfter('2'), 2);
  assert.is(parseRetryAfter(' 120 '), 120);
  assert.is(parseRetryAfter('1.2'), 2, 'fractions round up: never sooner than asked');
  const now = Date.parse('2026-12-06T03:00:00Z');
  assert.is(parseRetryAfter('Sun, 06 Dec 2026 03:00:30 GMT', now), 30);
  assert.is(parseRetryAfter('Sun, 06 Dec 2026 02:59:00 GMT', now), 0, 'a date in the past means now');
  assert.is(parseRetryAfter(null), null);
  assert.is(parseRetryAfter(''), null);
  assert.is(parseRetryAfter('soon'), null);
  assert.is(parseRetryAfter('-5'), null, 'a negative number is neither seconds nor a date');
});

test('the back-off doubles from 1 s to at most 30 s, spread ±25%', () => {
  assert.equal([1, 2, 3, 4, 5, 6, 7, 12].map((round) => retryDelayMs(round, null, MIDDLE)), [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  assert.is(retryDelayMs(3, null, () => 0), 3_000);
  assert.is(retryDelayMs(3, null, () => 0.999_999), 5_000);
});

test("the engine's Retry-After is a floor, capped at five minutes", () => {
  assert.is(retryDelayMs(1, 2, MIDDLE), 2_000, 'not sooner than the engine asked');
  assert.is(retryDelayMs(6, 2, MIDDLE), 30_000, 'the back-off still grows past a short Retry-After');
  assert.is(retryDelayMs(1, 3_600, MIDDLE), 300_000);
});

test('no answer, 503 and gateway errors are outages; other answers are not', () => {
  assert.equal(outageOf(new EngineUnreachableError()), { kind: OutageKind.UNREACHABLE, retryAfterSeconds: null });
  assert.equal(outageOf(new ApiRequestError(503, 'unavailable', 'The database cannot be reached', null, 2)), { kind: OutageKind.BUSY, retryAfterSeconds: 2 });
  assert.equal(outageOf(new ApiRequestError(502, 'http_502', 'Bad Gateway')), { kind: OutageKind.UNREACHABLE, retryAfterSeconds: null });
  for (const status of [400, 401, 404, 409, 422, 429, 500]) assert.is(outageOf(new ApiRequestError(status, 'x', 'x')), null, String(status));
  assert.is(outageOf(new TypeError('x is not a function')), null, 'a bug in the studio is not the network');
});

test('a request nobody answers says "Can\'t reach Baton", not the browser\'s "Failed to fetch"; an aborted one stays an abort', async () => {
  // nothing listens on port 9 (discard) on the loopback
  const error = await fetchEngine('http://127.0.0.1:9/api/me').catch((e: unknown) => e);
  assert.instance(error, EngineUnreachableError);
  assert.match(String((error as Error).message), /Can't reach Baton/);
  assert.not.match(String((error as Error).message), /fetch/i);
  const aborted = await fetchEngine('http://127.0.0.1:9/api/me', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
  assert.is((aborted as Error).name, 'AbortError');
});

test('reads that failed together wait for one round, which comes after the back-off; a success ends it at once', async () => {
  const status = new ConnectionStatus();
  const changes: ConnectionState[] = [];
  status.addEventListener('change', () => changes.push(status.state));
  const startedAt = Date.now();
  status.failed({ kind: OutageKind.UNREACHABLE, retryAfterSeconds: null });
  const firstRetryAt = status.retryAt;
  status.failed({ kind: OutageKind.UNREACHABLE, retryAfterSeconds: null });
  assert.is(status.retryAt, firstRetryAt, 'a second failure in the same round does not push the round back');
  assert.ok(firstRetryAt !== null && firstRetryAt - startedAt >= 750 && firstRetryAt - startedAt <= 1_250, 'the first round comes after about 1 s');

  await Promise.all([status.nextRound(), status.nextRound()]);
  const waited = Date.now() - startedAt;
  assert.ok(waited >= 700, `both reads waited for the round (${waited} ms)`);
  assert.is(status.state, ConnectionState.UNREACHABLE, 'still down until a call gets through');

  // the round's retries fail: the next round is further off
  const secondFailureAt = Date.now();
  status.failed({ kind: OutageKind.UNREACHABLE, retryAfterSeconds: null });
  assert.ok(status.retryAt !== null && status.retryAt - secondFailureAt >= 1_500, 'round 2 waits about 2 s');

  const waiting = status.nextRound();
  status.reached();
  await waiting;
  assert.ok(Date.now() - secondFailureAt < 500, 'a call that got through wakes the waiting reads at once');
  assert.is(status.state, ConnectionState.ONLINE);
  assert.is(status.retryAt, null);
  assert.equal(changes, [ConnectionState.UNREACHABLE, ConnectionState.UNREACHABLE, ConnectionState.UNREACHABLE, ConnectionState.ONLINE]);
});

test('a busy engine is waited out for its Retry-After, and "Retry now" starts the round at once', async () => {
  const status = new ConnectionStatus();
  const startedAt = Date.now();
  status.failed({ kind: OutageKind.BUSY, retryAfterSeconds: 5 });
  assert.is(status.state, ConnectionState.BUSY);
  assert.ok(status.retryAt !== null && status.retryAt - startedAt >= 5_000, 'not before the engine said');
  const waiting = status.nextRound();
  status.retryNow();
  await waiting;
  assert.ok(Date.now() - startedAt < 500);
  status.reached();
});

test('a round with no read waiting runs the probe, so a failed write alone does not leave the banner up for ever', async () => {
  const status = new ConnectionStatus();
  let probes = 0;
  status.probeWith(async () => {
    probes += 1;
    status.reached();
  });
  status.failed({ kind: OutageKind.UNREACHABLE, retryAfterSeconds: null });
  status.retryNow();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.is(probes, 1);
  assert.is(status.state, ConnectionState.ONLINE);
});

test('a read whose page went away stops waiting', async () => {
  const status = new ConnectionStatus();
  status.failed({ kind: OutageKind.UNREACHABLE, retryAfterSeconds: null });
  const abort = new AbortController();
  const waiting = status.nextRound(abort.signal).catch((e: unknown) => e);
  abort.abort(new Error('left the page'));
  assert.is(((await waiting) as Error).message, 'left the page');
  status.reached();
});

test.run();
