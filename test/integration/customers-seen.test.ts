/**
 * What an event brings about its customer is written with one statement: `insertNew` for a customer
 * seen for the first time, `applySeen` for a known one (a profile, a follow or an unfollow). Both answer
 * the row the event handler goes on with, so each answered row must equal the row read back, every
 * column; what the event did not bring stays as it was. Runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CustomerRow } from '../../engine/store/repositories/customers.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import { useTestStore } from '../support/cluster-store.ts';

let store: Store;
const T = 1_767_000_000_000;
const NOK = { displayName: 'Nok', pictureUrl: 'https://profile.line-scdn.net/nok', language: 'th', statusMessage: 'hello' };

useTestStore(test, (opened) => (store = opened));

/** the row as both databases read it: a boolean is 1/0 on SQLite and true/false on Postgres */
const comparable = (row: CustomerRow | undefined) => (row ? { ...row, following: Boolean(row.following) } : row);

async function readBack(id: string): Promise<CustomerRow | undefined> {
  return store.customers.findById(id);
}

test('a new customer is written with the profile and follow state its first event brought, as answered', async () => {
  const followed = await store.transaction((tx) => tx.customers.insertNew({ channelId: 'default', lineUserId: 'U-new-follow' }, T, 'user', { profile: NOK, following: true }));
  assert.equal(comparable(await readBack(followed.id)), comparable(followed));
  assert.is(followed.display_name, 'Nok');
  assert.is(followed.status_message, 'hello');
  assert.is(followed.mode, 'BOT');

  // first seen leaving: an unfollow of someone who never wrote
  const left = await store.customers.insertNew({ channelId: 'default', lineUserId: 'U-new-unfollow' }, T, 'user', { profile: null, following: false });
  assert.equal(comparable(await readBack(left.id)), comparable(left));
  assert.is(Boolean(left.following), false);
  assert.is(left.display_name, null);

  // a text from a stranger: following unless told otherwise; a group is one customer of its own kind
  const group = await store.customers.insertNew({ channelId: 'default', lineUserId: 'C-group' }, T, 'group', { profile: null, following: null });
  assert.equal(comparable(await readBack(group.id)), comparable(group));
  assert.is(Boolean(group.following), true);
  assert.is(group.source_type, 'group');
});

test('a known customer takes what the event brought and keeps the rest, as answered', async () => {
  const { customer } = await store.customers.findOrCreate({ channelId: 'default', lineUserId: 'U-known' }, T);
  await store.customers.saveFlowState(customer.id, '{"step":"ask"}', 3, null);

  const unfollowed = await store.transaction((tx) => tx.customers.applySeen(customer.id, { profile: null, following: false }, T + 1));
  assert.equal(comparable(await readBack(customer.id)), comparable(unfollowed));
  assert.is(Boolean(unfollowed?.following), false);
  assert.is(unfollowed?.updated_at, T + 1);

  const named = await store.customers.applySeen(customer.id, { profile: NOK, following: null }, T + 2);
  assert.equal(comparable(await readBack(customer.id)), comparable(named));
  assert.is(named?.display_name, 'Nok');
  assert.is(Boolean(named?.following), false, 'a profile alone does not change the follow state');
  assert.is(named?.flow_state, '{"step":"ask"}', 'nor anything else');

  const back = await store.customers.applySeen(customer.id, { profile: { ...NOK, displayName: 'Nok K.' }, following: true }, T + 3);
  assert.equal(comparable(await readBack(customer.id)), comparable(back));
  assert.is(back?.display_name, 'Nok K.');
  assert.is(Boolean(back?.following), true);

  assert.is(await store.customers.applySeen('no-such-customer', { profile: null, following: true }, T), undefined);
});

test.run();
