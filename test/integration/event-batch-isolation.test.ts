/**
 * Stored events are handled a batch at a time, in one transaction. When one event of a batch cannot be
 * applied, the batch is undone and its events are handled one by one, so the other customers of the
 * batch are still answered, and only the bad event is retried and finally marked failed. Runs on SQLite
 * and on Postgres (BATON_TEST_DB).
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
  // one event loop: the events of one webhook body are then claimed, and handled, as one batch
  engine = await startTestEngine({ env: { BATON_WORKER_CONCURRENCY: '1' } });
});
test.after(() => engine.stop());

/** the database refuses to store a message with this text, as it might refuse a row for reasons no check foresees */
async function refuseMessages(marker: string): Promise<() => Promise<void>> {
  const { kind } = engine.database;
  const db = await openDatabase(databaseConfigOf(engine.database, 1));
  if (kind === 'postgres') {
    await db.raw(`create function refuse_message() returns trigger language plpgsql as $$
      begin if new.text like '%${marker}%' then raise exception 'refused by the test'; end if; return new; end $$`);
    await db.raw('create trigger refuse_message before insert on messages for each row execute function refuse_message()');
  } else {
    await db.raw(`create trigger refuse_message before insert on messages when new.text like '%${marker}%'
      begin select raise(abort, 'refused by the test'); end`);
  }
  return async () => {
    await db.raw(`drop trigger if exists refuse_message${kind === 'postgres' ? ' on messages' : ''}`);
    await closeDatabase(db);
  };
}

test("an event that cannot be applied does not hold up the other customers' events of its batch", async () => {
  const restore = await refuseMessages('cannot be stored');
  try {
    const users = Array.from({ length: 5 }, () => fakeUserId());
    const events = users.map((user, i) => engine.fakeLine.textEvent(user, i === 2 ? 'this cannot be stored' : 'hello'));
    assert.is((await engine.postWebhook(engine.fakeLine.webhookBody(events))).status, 200);
    for (const [i, user] of users.entries()) {
      if (i !== 2) await waitFor(() => engine.fakeLine.chat(user).some((e) => e.from === 'account'), `an answer to customer ${i + 1}`);
    }
    const bad = await waitFor(async () => {
      const row = await engine.baton.store.webhookEvents.findById(events[2]?.webhookEventId ?? '');
      return row?.status === 'failed' && row;
    }, 'the bad event given up');
    assert.is(bad.attempts, 5, 'retried alone, up to the limit');
    assert.match(bad.last_error ?? '', /refused by the test/);
    assert.not.ok(engine.fakeLine.chat(users[2] ?? '').some((e) => e.from === 'account'));
    for (const [i, event] of events.entries()) {
      if (i !== 2) assert.is((await engine.baton.store.webhookEvents.findById(event.webhookEventId))?.status, 'done');
    }
  } finally {
    await restore();
  }
});

test.run();
