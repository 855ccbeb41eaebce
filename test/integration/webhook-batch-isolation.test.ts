/**
 * Requests that arrive together are stored with one INSERT (TickBatcher); a request must never fail
 * because of another one in its batch. Issue #11 saw one event with `timestamp: 1e20` make, on
 * Postgres, all 27 webhooks batched with it answer 500. Runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeUserId } from '../../engine/line/sandbox/fake-ids.ts';
import { closeDatabase, openDatabase } from '../../engine/store/database.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { databaseConfigOf } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;

test.before(async () => {
  engine = await startTestEngine();
});
test.after(() => engine.stop());

const answered = (user: string) => waitFor(() => engine.fakeLine.chat(user).some((e) => e.from === 'account'), `an answer to ${user}`);

test('27 webhooks at once, one carrying timestamp 1e20: all 27 answered 200, the 26 good ones run', async () => {
  const users = Array.from({ length: 27 }, () => fakeUserId());
  const events = users.map((user, i) => ({ ...engine.fakeLine.textEvent(user, 'hello'), ...(i === 13 ? { timestamp: 1e20 } : {}) }));
  const statuses = await Promise.all(events.map((event) => engine.postWebhook(engine.fakeLine.webhookBody([event])).then((r) => r.status)));
  assert.equal(statuses, users.map(() => 200));
  for (const [i, user] of users.entries()) if (i !== 13) await answered(user);
  assert.is((await engine.baton.store.webhookEvents.findById(String(events[13]?.webhookEventId)))?.status, 'ignored');
});

test('when the database refuses one request of a batch, only that request fails; the others are stored, answered 200 and run', async () => {
  // a refusal no check at the edge can foresee, made by the database itself
  const db = await openDatabase(databaseConfigOf(engine.database, 1));
  try {
    if (engine.database.kind === 'postgres') {
      await db.raw(`create function refuse_marked() returns trigger language plpgsql as $$
        begin if new.raw like '%refuse-me%' then raise exception 'refused by the test'; end if; return new; end $$`);
      await db.raw('create trigger refuse_marked before insert on webhook_events for each row execute function refuse_marked()');
    } else {
      await db.raw(`create trigger refuse_marked before insert on webhook_events when new.raw like '%refuse-me%'
        begin select raise(abort, 'refused by the test'); end`);
    }
    const users = Array.from({ length: 8 }, () => fakeUserId());
    const bodies = users.map((user, i) => engine.fakeLine.webhookBody([engine.fakeLine.textEvent(user, i === 3 ? 'refuse-me' : 'hello')]));
    const statuses = await Promise.all(bodies.map((b) => engine.postWebhook(b).then((r) => r.status)));
    assert.equal(statuses, users.map((_, i) => (i === 3 ? 500 : 200)));
    for (const [i, user] of users.entries()) if (i !== 3) await answered(user);
    assert.is(await engine.baton.store.customers.findByLineUserId(users[3] ?? ''), undefined);
  } finally {
    await db.raw('drop trigger if exists refuse_marked' + (engine.database.kind === 'postgres' ? ' on webhook_events' : ''));
    await closeDatabase(db);
  }
});

test.run();
