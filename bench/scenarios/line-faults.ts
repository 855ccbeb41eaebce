/**
 * Scenario 9: a hung LINE, and LINE back (issue #11). One engine on SQLite, in a process of its own with
 * the default timeouts (LINE_TIMEOUT_MS 10 s, LINE_REPLY_TIMEOUT_MS 30 s), a queue of customers, and a
 * fake LINE in this process that stops answering anything (profile lookups, replies, pushes). Then:
 *
 * - new customers' events committed: customers add the account while LINE hangs; timed from the posts to
 *   every event done (before issue #11: 4 of 40 in 32 s, one per event loop);
 * - REST while LINE hangs: an operator claims the first queued customer (the others' new positions are
 *   due) and closes the chat (a goodbye is due); each timed to its answer (before: a close got no answer
 *   in 180 s);
 * - LINE back: LINE answers again; timed until every queued customer reads their new position and the
 *   closed one the goodbye. Pushes LINE left hanging are abandoned and retried with their keys as soon
 *   as LINE answers anything (an engine with nothing else to send asks for the message quota every 2 s
 *   while a push hangs); without that they would wait out LINE_TIMEOUT_MS (10 s).
 */
import path from 'node:path';
import type { LoginResponse } from '../../engine/contracts/rest.ts';
import { createBenchDatabase } from '../lib/bench-database.ts';
import type { ScenarioContext } from '../lib/scenario.ts';
import { openTestStore } from '../../test/support/cluster-store.ts';
import { ADMIN, createCluster } from '../../test/support/engine-cluster.ts';
import { repoRoot } from '../../test/support/engine-harness.ts';
import { accountTexts, lineUsers, PUSH, REPLY } from '../../test/support/line-checks.ts';
import { waitFor } from '../../test/support/wait-for.ts';

const NEW_CUSTOMERS = 40;
const QUEUED = 20;
/** how long the fake holds a call before failing it (never taken): longer than any timeout here */
const HANG = { status: 503, delayMs: 300_000, times: 100_000 };
const QUOTA = '/v2/bot/message/quota';

export async function lineFaults(ctx: ScenarioContext): Promise<void> {
  const database = await createBenchDatabase('sqlite');
  const cluster = await createCluster(database, { REDIS_URL: '', LOG_LEVEL: 'warn', BATON_FLOWS_DIR: path.join(repoRoot, 'test/fixtures/flow-sets/line-faults') });
  const store = await openTestStore(database);
  try {
    const fake = cluster.line.fake;
    const engine = await cluster.start('line-faults');
    const post = async (body: string) => {
      const response = await engine.postWebhook(body);
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    };
    const login = (await (await fetch(`${engine.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as LoginResponse;
    const api = async (method: string, route: string): Promise<{ status: number; ms: number }> => {
      const started = Date.now();
      const response = await fetch(`${engine.url}${route}`, { method, headers: { authorization: `Bearer ${login.accessToken}` } });
      await response.arrayBuffer();
      return { status: response.status, ms: Date.now() - started };
    };

    // a queue, told its positions while LINE is well
    const customers = lineUsers(0x9e1, QUEUED);
    for (const user of customers) await post(fake.webhookBody([fake.textEvent(user, 'agent')]));
    await waitFor(() => customers.every((user) => accountTexts(fake, user).some((t) => t.startsWith('You are number'))), 'the queue told its positions', 60_000);
    // the queue in serving order, as LINE user ids
    const waiting = await store.conversations.listWaiting();
    const lineUserOf = new Map((await store.customers.findByIds(waiting.map((c) => c.customer_id))).map((c) => [c.id, c.line_user_id]));
    const queued = waiting.map((c) => lineUserOf.get(c.customer_id) ?? '');
    const first = waiting[0];
    if (!first || queued.length !== QUEUED) throw new Error('the queue is not as expected');
    await new Promise((resolve) => setTimeout(resolve, 3_100)); // past the queue's 3 s interval: the claim's positions are due at once

    // LINE stops answering anything (the quota is what an engine asks to learn when LINE is back)
    const newcomers = lineUsers(0x9e2, NEW_CUSTOMERS);
    for (const user of newcomers) fake.failNext(`/v2/bot/profile/${user}`, HANG);
    for (const path of [REPLY, PUSH, QUOTA]) fake.failNext(path, HANG);

    const doneBefore = (await store.webhookEvents.countByStatus()).done ?? 0;
    const posted = Date.now();
    await Promise.all(newcomers.map((user) => post(fake.webhookBody([fake.followEvent(user)]))));
    await waitFor(async () => ((await store.webhookEvents.countByStatus()).done ?? 0) - doneBefore >= NEW_CUSTOMERS, 'the new customers committed', 120_000);
    ctx.figure({
      name: `LINE hanging: ${NEW_CUSTOMERS} new customers' events committed`,
      unit: 'ms',
      value: Date.now() - posted,
      goal: { text: '< 5 s', max: 5_000 },
      note: 'from the posts to every event done; before issue #11, 4 of 40 in 32 s (each loop waited on LINE)',
    });

    const claim = await api('POST', `/api/conversations/${first.id}/claim`);
    const close = await api('POST', `/api/conversations/${first.id}/close`);
    if (claim.status !== 200 || close.status !== 200) throw new Error(`claim ${claim.status}, close ${close.status}`);
    ctx.figure({ name: `LINE hanging: claim answered (${QUEUED - 1} positions due)`, unit: 'ms', value: claim.ms, goal: { text: '< 1 s', max: 1_000 } });
    ctx.figure({ name: 'LINE hanging: close answered (a goodbye due)', unit: 'ms', value: close.ms, goal: { text: '< 1 s', max: 1_000 }, note: 'before issue #11, no answer in 180 s' });

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    fake.clearFailures();
    const back = Date.now();
    const closed = queued[0] ?? '';
    await waitFor(
      () => accountTexts(fake, closed).includes('Thanks for chatting.') && queued.slice(1).every((user, i) => accountTexts(fake, user).includes(`You are number ${i + 1}.`)),
      'the goodbye and the new positions',
      120_000,
    );
    ctx.figure({
      name: `LINE back -> ${QUEUED - 1} new positions and the goodbye delivered`,
      unit: 'ms',
      value: Date.now() - back,
      note: 'LINE back 3 s after the claim; hung pushes retried with their keys once LINE answers the quota probe (every 2 s)',
    });
  } finally {
    await cluster.close();
    await store.close();
    await database.drop();
  }
}
