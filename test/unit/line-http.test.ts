/**
 * LineHttp's kept-alive connections (engine/line/line-http.ts) when its token is retired (rotated, or its
 * channel removed): an idle one closes at once, one carrying a call closes once the answer is in, and a call
 * made later still gets its answer, on a connection closed after it. Against a local server that keeps idle
 * connections for a minute and counts those open at its end.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LineHttp } from '../../engine/line/line-http.ts';
import { KeptAliveServer } from '../support/kept-alive-server.ts';
import { waitFor } from '../support/wait-for.ts';

let server: KeptAliveServer;
let origin: string;

test.before.each(async () => {
  server = new KeptAliveServer();
  origin = await server.listen();
});

test.after.each(() => server.close());

const push = (line: LineHttp) => line.post('/v2/bot/message/push', '{"to":"U1","messages":[]}', 'push');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('an idle kept-alive connection stays open until the token is retired, then closes', async () => {
  const line = new LineHttp(origin, 'old-token');
  assert.is((await push(line)).status, 200);
  await pause(100);
  assert.is(server.open, 1, 'kept alive while the token is in use');
  line.retire();
  await waitFor(() => server.open === 0, 'the idle connection closed', 2_000);
});

test('a call under way when the token is retired gets its answer, then its connection closes', async () => {
  const line = new LineHttp(origin, 'old-token');
  server.holding = true;
  const answer = push(line);
  await waitFor(() => server.held.length === 1, 'the call at the server');
  line.retire();
  await pause(100);
  assert.is(server.open, 1, 'not cut while the answer is awaited');
  server.releaseOne();
  assert.is((await answer).status, 200);
  await waitFor(() => server.open === 0, 'the connection closed after the answer', 2_000);
});

test('a call made with a retired token still gets its answer, on a connection closed after it', async () => {
  const line = new LineHttp(origin, 'old-token');
  line.retire();
  assert.is((await push(line)).status, 200);
  await waitFor(() => server.open === 0, 'the connection closed after the answer', 2_000);
});

test.run();
