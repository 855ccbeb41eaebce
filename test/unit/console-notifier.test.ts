/** The console notifier logs each notification by ids only: never the customer's name or words. */
import { pino } from 'pino';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { consoleNotifier } from '../../plugins/notifiers/console-notifier.ts';

test('a notification is logged with its type, conversation and customer ids, and nothing a customer said or is called', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  await consoleNotifier(logger).notify({
    type: 'flow-step',
    text: 'Somchai Jaidee wrote: my card 4111 1111 1111 1111 was charged twice',
    at: 1_700_000_000_000,
    conversationId: 'conv-7',
    customer: { id: 'cust-3', name: 'Somchai Jaidee', lineUserId: 'U4af4980629a1b2c3d4e5f60718293a4b' },
    details: { quoted: 'my card 4111 1111 1111 1111', customerName: 'Somchai Jaidee' },
  });
  assert.is(lines.length, 1);
  const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
  assert.is(entry.type, 'flow-step');
  assert.is(entry.conversationId, 'conv-7');
  assert.is(entry.customerId, 'cust-3');
  assert.not.match(lines[0] ?? '', /Somchai|4111|charged/);
});

test.run();
