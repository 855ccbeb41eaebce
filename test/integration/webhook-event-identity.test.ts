/**
 * The event stored, and later run, is exactly the event that was checked: bodies written so that a
 * scan of the text and JSON.parse disagree (escaped keys, repeated keys) are stored as parsed and
 * serialised again, never as a piece of the text. Runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeUserId } from '../../engine/line/sandbox/fake-ids.ts';
import { startTestEngine, type TestEngine } from '../support/engine-harness.ts';
import { waitFor } from '../support/wait-for.ts';

let engine: TestEngine;

test.before(async () => {
  engine = await startTestEngine();
});
test.after(() => engine.stop());

const storedRaw = async (id: string) => (await engine.baton.store.webhookEvents.findById(id))?.raw;

async function inboxTexts(user: string): Promise<string[]> {
  const customer = await waitFor(() => engine.baton.store.customers.findByLineUserId(user), `customer ${user}`);
  const messages = await waitFor(async () => {
    const rows = await engine.baton.store.messages.listByCustomer(customer.id);
    return rows.length > 0 && rows;
  }, 'the inbound message');
  return messages.filter((m) => m.direction === 'in').map((m) => m.text ?? '');
}

test('"ev\\u0065nts" is the events JSON.parse keeps: that event is stored and run, the decoy is not', async () => {
  const [decoyUser, realUser] = [fakeUserId(), fakeUserId()];
  const decoy = engine.fakeLine.textEvent(decoyUser, 'decoy');
  const real = engine.fakeLine.textEvent(realUser, 'the event that was checked');
  const body = `{"destination":"${engine.fakeLine.botUserId}","events":[${JSON.stringify(decoy)}],"ev\\u0065nts":[${JSON.stringify(real)}]}`;
  assert.is((await engine.postWebhook(body)).status, 200);
  assert.equal(JSON.parse((await storedRaw(real.webhookEventId)) ?? 'null'), real);
  assert.is(await storedRaw(decoy.webhookEventId), undefined);
  assert.equal(await inboxTexts(realUser), ['the event that was checked']);
  assert.is(await engine.baton.store.customers.findByLineUserId(decoyUser), undefined);
});

test('a repeated key inside an event: the value that was checked is what is stored and what the operator sees', async () => {
  const user = fakeUserId();
  const event = engine.fakeLine.textEvent(user, 'pay 900');
  const text = JSON.stringify(event).replace('"text":"pay 900"', '"text":"pay 100","text":"pay 900"');
  assert.ok(text.includes('"pay 100"'));
  const body = `{"destination":"${engine.fakeLine.botUserId}","events":[${text}]}`;
  assert.is((await engine.postWebhook(body)).status, 200);
  const raw = (await storedRaw(event.webhookEventId)) ?? '';
  assert.not.match(raw, /pay 100/, 'one text, the one JSON.parse kept');
  assert.equal(JSON.parse(raw), event);
  assert.equal(await inboxTexts(user), ['pay 900']);
});

test('an escaped key inside an event: stored as parsed, so every reader sees the same keys', async () => {
  const user = fakeUserId();
  const event = engine.fakeLine.textEvent(user, 'hello');
  const text = JSON.stringify(event).replace('"replyToken"', '"r\\u0065plyToken"');
  const body = `{"destination":"${engine.fakeLine.botUserId}","events":[${text}]}`;
  assert.is((await engine.postWebhook(body)).status, 200);
  const raw = (await storedRaw(event.webhookEventId)) ?? '';
  assert.ok(raw.includes('"replyToken"') && !raw.includes('\\u0065'), raw);
  assert.equal(JSON.parse(raw), event);
  assert.equal(await inboxTexts(user), ['hello']);
});

test.run();
