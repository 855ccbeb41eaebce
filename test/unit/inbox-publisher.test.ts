/** InboxPublisher: who hears each change, recorded on a channel that keeps what it was asked to send. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { ConversationActivity } from '../../engine/contracts/socket-events.ts';
import { InboxPublisher } from '../../engine/services/realtime/inbox-publisher.ts';
import type { OperatorChannel, Recipients } from '../../engine/services/realtime/operator-channel.ts';

type Sent = { to: string; what: string };

function recordingChannel() {
  const sent: Sent[] = [];
  const digests: ConversationActivity[][] = [];
  const who = (r: Recipients) => (r.to === 'working' ? `working ${r.conversationId} ${r.operatorId}` : r.to);
  const channel: OperatorChannel = {
    conversation: (recipients, c) => sent.push({ to: who(recipients), what: `conversation ${c.id} ${c.status} ${c.lastMessage?.text ?? '-'}` }),
    message: (recipients, event, m) => sent.push({ to: who(recipients), what: `${event} ${m.text}` }),
    activity: (activity) => digests.push(activity),
  };
  return { channel, sent, digests };
}

function conversation(over: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id: 'c1',
    status: 'ACTIVE',
    customer: { id: 'u1', lineUserId: 'U1', displayName: 'Ann', pictureUrl: null, language: 'en', mode: 'HUMAN', tags: [], following: true, createdAt: 1 },
    operatorId: 'op1',
    operatorName: 'Nok',
    createdAt: 1,
    claimedAt: 2,
    firstResponseAt: null,
    closedAt: null,
    closeReason: null,
    flowVersion: 1,
    lastMessage: null,
    ...over,
  };
}
const said = (text: string, at: number) => ({ lastMessage: { text, at, senderKind: 'customer' as const } });
const message = (text: string): MessageDto => ({
  id: 1, conversationId: 'c1', customerId: 'u1', direction: 'in', senderKind: 'customer', operatorId: null, type: 'text', text,
  payload: null, deliveryStatus: 'received', sentVia: null, createdAt: 1,
});
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a change of state reaches everyone; new messages after it only those working the conversation, then a digest for all', async () => {
  const { channel, sent, digests } = recordingChannel();
  const publisher = new InboxPublisher(30);
  publisher.attach(channel);
  publisher.conversationUpdated(conversation());
  publisher.conversationUpdated(conversation(said('hello', 10)));
  publisher.conversationUpdated(conversation(said('are you there?', 11)));
  assert.equal(sent, [
    { to: 'everyone', what: 'conversation c1 ACTIVE -' },
    { to: 'working c1 op1', what: 'conversation c1 ACTIVE hello' },
    { to: 'working c1 op1', what: 'conversation c1 ACTIVE are you there?' },
  ]);
  assert.equal(digests, [], 'not yet');
  await tick(60);
  assert.equal(digests, [[{ conversationId: 'c1', lastMessage: { text: 'are you there?', at: 11, senderKind: 'customer' } }]], 'one digest, newest only');
  await tick(60);
  assert.is(digests.length, 1, 'nothing new, no digest');
});

test('a conversation nobody has taken, a transfer and a close go to everyone at once', () => {
  const { channel, sent } = recordingChannel();
  const publisher = new InboxPublisher(1_000);
  publisher.attach(channel);
  publisher.conversationUpdated(conversation({ status: 'WAITING', operatorId: null, operatorName: null, ...said('agent', 1) }));
  publisher.conversationUpdated(conversation({ status: 'WAITING', operatorId: null, operatorName: null, ...said('hello?', 2) }));
  publisher.conversationUpdated(conversation(said('hello?', 2)));
  publisher.conversationUpdated(conversation({ operatorId: 'op2', operatorName: 'Pim', ...said('hello?', 2) }));
  publisher.conversationUpdated(conversation({ status: 'CLOSED', operatorId: 'op2', operatorName: 'Pim', ...said('bye', 3) }));
  assert.equal(sent.map((s) => s.to), ['everyone', 'everyone', 'everyone', 'everyone', 'everyone']);
  publisher.stop();
});

test('a state this engine did not announce (another engine did) counts as a change', () => {
  const { channel, sent } = recordingChannel();
  const first = new InboxPublisher(1_000);
  first.attach(channel);
  first.conversationUpdated(conversation(said('hi', 1)));
  assert.equal(sent.map((s) => s.to), ['everyone']);
  first.stop();
});

test('messages follow their conversation; a bot exchange outside one goes to supervisors', () => {
  const { channel, sent } = recordingChannel();
  const publisher = new InboxPublisher(1_000);
  publisher.attach(channel);
  publisher.messageNew(message('taken'), { id: 'c1', operatorId: 'op1' });
  publisher.messageNew(message('queued'), { id: 'c1', operatorId: null });
  publisher.messageUpdated(message('bot talk'), null);
  assert.equal(sent, [
    { to: 'working c1 op1', what: 'message:new taken' },
    { to: 'everyone', what: 'message:new queued' },
    { to: 'supervisors', what: 'message:updated bot talk' },
  ]);
});

test('with a digest interval of 0 every operator hears every change at once', () => {
  const { channel, sent, digests } = recordingChannel();
  const publisher = new InboxPublisher(0);
  publisher.attach(channel);
  publisher.conversationUpdated(conversation());
  publisher.conversationUpdated(conversation(said('hello', 10)));
  assert.equal(sent.map((s) => s.to), ['everyone', 'everyone']);
  publisher.stop();
  assert.equal(digests, []);
});

test('stopping sends the digest still pending', () => {
  const { channel, digests } = recordingChannel();
  const publisher = new InboxPublisher(60_000);
  publisher.attach(channel);
  publisher.conversationUpdated(conversation());
  publisher.conversationUpdated(conversation(said('last words', 5)));
  publisher.stop();
  assert.equal(digests.map((d) => d.map((a) => a.lastMessage.text)), [['last words']]);
});

test.run();
