import { createHmac } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtInPlugins } from '../../plugins/built-in-plugins.ts';
import type { BatonPlugin, Notification } from '../../plugins/plugin-api.ts';
import { PluginHost } from '../../plugins/plugin-host.ts';
import { RecordingServer } from '../support/recording-server.ts';

const silent = pino({ level: 'silent' });
const notification: Notification = {
  type: 'handoff',
  text: 'Somchai is waiting (position 2)',
  at: 1_700_000_000_000,
  conversationId: 'c-1',
  customer: { id: 'cu-1', name: 'Somchai', lineUserId: 'U1' },
  details: { queue: 'default', position: 2 },
};

let telegram: RecordingServer;
let receiver: RecordingServer;
let telegramUrl: string;
let receiverUrl: string;

test.before(async () => {
  telegram = new RecordingServer();
  receiver = new RecordingServer();
  telegramUrl = await telegram.listen();
  receiverUrl = await receiver.listen();
});
test.after(async () => {
  await telegram.close();
  await receiver.close();
});
test.before.each(() => {
  telegram.requests.length = 0;
  receiver.requests.length = 0;
  telegram.status = 200;
  receiver.status = 200;
});

function host(extra: BatonPlugin[] = [], logger: Logger = silent): PluginHost {
  const plugins = builtInPlugins(
    { telegram: { botToken: '123:ABC', chatId: '-10042', apiBaseUrl: telegramUrl }, webhook: { url: `${receiverUrl}/hooks/baton`, secret: 'shh' } },
    silent,
  );
  return new PluginHost([...plugins, ...extra], logger, () => 1);
}

/** A logger that keeps its entries, as the log collector would receive them. */
function recordingLogger(): { logger: Logger; entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => entries.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, entries };
}

test('a handoff reaches Telegram through the Bot API sendMessage and the webhook as signed JSON', async () => {
  await host().notify(notification);
  assert.is(telegram.requests.length, 1);
  assert.is(telegram.requests[0]?.path, '/bot123:ABC/sendMessage');
  assert.equal(JSON.parse(telegram.requests[0]?.body ?? '{}'), { chat_id: '-10042', text: 'Somchai is waiting (position 2)', disable_web_page_preview: true });
  const hook = receiver.requests[0];
  assert.is(hook?.path, '/hooks/baton');
  assert.equal(JSON.parse(hook?.body ?? '{}'), notification);
  assert.is(hook?.headers['x-baton-signature'], createHmac('sha256', 'shh').update(hook?.body ?? '').digest('base64'));
});

test('a failing notifier never throws; its failure is counted and the others still deliver', async () => {
  telegram.status = 500;
  const broken: BatonPlugin = { name: 'broken', notifiers: [{ id: 'broken', notify: async () => { throw new Error('boom'); } }] };
  const plugins = host([broken]);
  await plugins.notify(notification);
  assert.is(receiver.requests.length, 1, 'the webhook still got it');
  const status = Object.fromEntries(plugins.status().map((h) => [h.id, h]));
  assert.is(status['notifier:telegram']?.failures, 1);
  assert.match(status['notifier:telegram']?.lastError ?? '', /HTTP 500/);
  assert.not.match(status['notifier:telegram']?.lastError ?? '', /123:ABC/, 'the bot token is not in the error');
  assert.is(status['notifier:broken']?.lastError, 'boom');
  assert.is(status['notifier:webhook']?.failures, 0);
});

test('the notify step renders its text and tells every notifier; an unknown step is logged, not thrown', async () => {
  const { logger, entries } = recordingLogger();
  const plugins = host([], logger);
  const told: string[] = [];
  await plugins.runStep('notify', { text: 'VIP {{ name }} waiting' }, {
    customer: { id: 'cu-1', name: 'Nok', lineUserId: 'U2', language: 'th', tags: ['vip'] },
    conversationId: null,
    now: 5,
    render: (template) => template.replace('{{ name }}', 'Nok'),
    notify: async (n) => {
      told.push(n.text);
    },
  });
  assert.equal(told, ['VIP Nok waiting']);
  assert.equal(entries, [], 'nothing worth a log line so far');
  await plugins.runStep('no-such-step', {}, { customer: { id: '', name: '', lineUserId: '', language: null, tags: [] }, conversationId: null, now: 0, render: (t) => t, notify: async () => {} });
  assert.equal(entries.map((e) => [e.level, e.use, e.msg]), [[50, 'no-such-step', 'flow uses an unknown plugin step']], 'one error naming the step');
  assert.ok(plugins.stepSchemas().has('notify'));
});

test.run();
