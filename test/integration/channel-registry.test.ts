/**
 * The channels an engine knows (engine/services/channels/channel-registry.ts) when another engine on the same
 * database has just added one: a webhook for it finds it at once, even when it races another look for the same
 * channel (the rich-menu sync) or the timer's re-read that began before the channel was committed. A made-up
 * channel is looked for once, not once a request. A rotated token's and a removed channel's connections to
 * LINE are let go. On the real store, SQLite or Postgres by BATON_TEST_DB.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../engine/logger.ts';
import { channelSecretContext, channelTokenContext } from '../../engine/services/channels/channel-secret-contexts.ts';
import { ChannelRegistry, type ChannelClients } from '../../engine/services/channels/channel-registry.ts';
import { SecretBox } from '../../engine/services/channels/secret-box.ts';
import { createLineClient } from '../../engine/line/line-client.ts';
import { createRichMenuClient } from '../../engine/line/rich-menu-client.ts';
import type { Store } from '../../engine/store/store.ts';
import { useTestStore } from '../support/cluster-store.ts';
import { KeptAliveServer } from '../support/kept-alive-server.ts';
import { waitFor } from '../support/wait-for.ts';

let store: Store;
useTestStore(test, (opened) => (store = opened));
const line = new KeptAliveServer();
let lineOrigin: string;
test.before(async () => {
  lineOrigin = await line.listen();
});
test.after(() => line.close());

const box = new SecretBox(randomBytes(32));
const clientsFor = (channelAccessToken: string): ChannelClients => ({
  line: createLineClient({ channelAccessToken, apiBaseUrl: lineOrigin, dataApiBaseUrl: lineOrigin, timeoutMs: 1_000, replyTimeoutMs: 1_000, logger: createLogger('silent') }),
  richMenus: createRichMenuClient({ channelAccessToken, apiBaseUrl: lineOrigin, dataApiBaseUrl: lineOrigin, timeoutMs: 1_000 }),
});

/** a channel row as another engine's ChannelsService stores it */
async function addChannel(id: string): Promise<string> {
  const secret = randomBytes(16).toString('hex');
  const at = Date.now();
  await store.channels.insert({
    id,
    name: id,
    avatar_url: null,
    secret_enc: box.seal(secret, channelSecretContext(id)),
    access_token_enc: box.seal(`token-${id}`, channelTokenContext(id)),
    group_handoff: true,
    created_at: at,
    updated_at: at,
  });
  return secret;
}

/** the store's channels, where one read of the change mark can have its answer held back (a read begun before a commit) */
function heldChannels() {
  let next: { entered: () => void; released: Promise<void> } | null = null;
  let release = () => {};
  const channels = Object.create(store.channels) as Store['channels'];
  channels.changeMark = async () => {
    const mark = await store.channels.changeMark();
    const hold = next;
    next = null;
    if (hold) {
      hold.entered();
      await hold.released;
    }
    return mark;
  };
  return {
    channels,
    /** the next read of the mark keeps its answer until `release`; resolves once that read has its answer */
    holdNextRead: () =>
      new Promise<void>((entered) => {
        next = { entered, released: new Promise((resolve) => (release = resolve)) };
      }),
    release: () => release(),
  };
}

function registryOn(channels: Store['channels'], refreshMs = 60_000): ChannelRegistry {
  return new ChannelRegistry({ channels, customers: store.customers }, createLogger('silent'), {
    defaultChannel: { secret: 'default-secret', ...clientsFor('default-token') },
    makeClients: clientsFor,
    box,
    refreshMs,
  });
}

test('two webhooks for a channel just added elsewhere both find it: the second waits for the first one\'s look', async () => {
  const registry = registryOn(store.channels);
  await registry.start();
  try {
    const secret = await addChannel('racer');
    const [first, second] = await Promise.all([registry.secretOf('racer'), registry.secretOf('racer')]);
    assert.is(first, secret);
    assert.is(second, secret, 'the second ask took the look under way, not "unknown"');
  } finally {
    registry.stop();
  }
});

test("a re-read begun before the channel was committed is not the answer: the miss reads the store again", async () => {
  const held = heldChannels();
  const registry = registryOn(held.channels, 50);
  await registry.start();
  try {
    // the timer's next re-read has the mark from before the channel is added, and its answer is held
    await held.holdNextRead();
    const secret = await addChannel('late');
    const asked = registry.secretOf('late');
    held.release();
    assert.is(await asked, secret, 'the webhook for the channel just added found it');
  } finally {
    registry.stop();
  }
});

test('a made-up channel is looked for once a second, not once a request', async () => {
  let marksRead = 0;
  const counted = Object.create(store.channels) as Store['channels'];
  counted.changeMark = () => {
    marksRead += 1;
    return store.channels.changeMark();
  };
  const registry = registryOn(counted);
  await registry.start();
  try {
    marksRead = 0;
    const answers = await Promise.all(Array.from({ length: 20 }, () => registry.secretOf('made-up')));
    for (let i = 0; i < 20; i++) assert.is(await registry.secretOf('made-up'), null);
    assert.ok(answers.every((answer) => answer === null));
    assert.is(marksRead, 1, 'one look in the store for 40 asks');
  } finally {
    registry.stop();
  }
});

test("a rotated token's and a removed channel's connections to LINE are let go; the new token's are kept", async () => {
  const registry = registryOn(store.channels);
  await registry.start();
  try {
    await addChannel('rotating');
    await addChannel('leaving');
    await (await registry.of('rotating')).push('U1', [{ type: 'text', text: 'before the rotation' }], 'key-1');
    await (await registry.of('leaving')).push('U1', [{ type: 'text', text: 'before the removal' }], 'key-2');
    assert.is(line.open, 2, 'one kept-alive connection per token');
    await store.channels.update('rotating', { access_token_enc: box.seal('token-rotated', channelTokenContext('rotating')), updated_at: Date.now() + 1 });
    await registry.changed();
    await (await registry.of('rotating')).push('U1', [{ type: 'text', text: 'after the rotation' }], 'key-3');
    await waitFor(() => line.open === 2, "the old token's connection closed, the new token's and the other channel's open", 2_000);
    await store.channels.delete('leaving');
    await registry.changed();
    await waitFor(() => line.open === 1, "the removed channel's connection closed", 2_000);
  } finally {
    registry.stop();
  }
});

test.run();
