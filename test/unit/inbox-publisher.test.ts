/** InboxPublisher: who hears each change, recorded on a channel that keeps what it was asked to send. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import { InboxPublisher } from '../../engine/services/realtime/inbox-publisher.ts';
import type { OperatorChannel, Recipients } from '../../engine/services/realtime/operator-channel.ts';

type Sent = { to: string; what: string };

function recordingChannel() {
  const sent: Sent[] = [];
  const who = (r: Recipients) => (r.to === 'working' ? `working ${r.conversationId} ${r.operatorIds.join('+')}` : r.to);
  const channel: OperatorChannel = {
    conversation: (recipients, c) => sent.push({ to: who(recipients), what: `conversation ${c.id} ${c.status}` }),
    message: (recipients, event, m) => sent.push({ to: who(recipients), what: `${event} ${m.text}` }),
    revisit: (id) => sent.push({ to: 'its room', what: `revisit ${id}` }),
  };
  const publisher = new InboxPublisher();
  publisher.attach(channel);
  return { publisher, sent };
}

function conversation(over: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id: 'c1',
    status: 'ACTIVE',
    source: 'user',
    customer: { id: 'u1', lineUserId: 'U1', displayName: 'Ann', pictureUrl: null, language: 'en', mode: 'HUMAN', tags: [], following: true, createdAt: 1 },
    channelId: 'default',
    operatorId: 'op1',
    operatorName: 'Nok',
    team: null,
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
const waiting = { status: 'WAITING' as const, operatorId: null, operatorName: null };
const message = (text: string): MessageDto => ({
  id: 1, conversationId: 'c1', customerId: 'u1', direction: 'in', senderKind: 'customer', operatorId: null, type: 'text', text,
  payload: null, deliveryStatus: 'received', sentVia: null, createdAt: 1,
});

test('the queue is everyone\'s: a waiting conversation and its messages reach every operator', () => {
  const { publisher, sent } = recordingChannel();
  publisher.conversationUpdated(conversation(waiting));
  publisher.messageNew(message('agent please'), { id: 'c1', operatorId: null, channelId: 'default' });
  assert.equal(sent, [
    { to: 'everyone', what: 'conversation c1 WAITING' },
    { to: 'everyone', what: 'message:new agent please' },
  ]);
});

test('leaving the queue reaches everyone once; after that only its operator, its room and supervisors hear it', () => {
  const { publisher, sent } = recordingChannel();
  publisher.conversationUpdated(conversation(), { leftQueue: true });
  publisher.messageNew(message('my parcel is late'), { id: 'c1', operatorId: 'op1', channelId: 'default' });
  publisher.conversationUpdated(conversation());
  publisher.messageUpdated(message('sent'), { id: 'c1', operatorId: 'op1', channelId: 'default' });
  publisher.conversationUpdated(conversation({ status: 'CLOSED' }));
  assert.equal(sent, [
    // sockets that had it open from the queue and may not open it now stop hearing it
    { to: 'its room', what: 'revisit c1' },
    { to: 'everyone', what: 'conversation c1 ACTIVE' },
    { to: 'working c1 op1', what: 'message:new my parcel is late' },
    { to: 'working c1 op1', what: 'conversation c1 ACTIVE' },
    { to: 'working c1 op1', what: 'message:updated sent' },
    { to: 'working c1 op1', what: 'conversation c1 CLOSED' },
  ]);
});

test('a transfer reaches the operator it left as well as the one it went to', () => {
  const { publisher, sent } = recordingChannel();
  publisher.conversationUpdated(conversation({ operatorId: 'op2', operatorName: 'Pim' }), { formerOperatorId: 'op1' });
  publisher.conversationUpdated(conversation(), { formerOperatorId: 'op1' });
  assert.equal(sent, [
    { to: 'its room', what: 'revisit c1' },
    { to: 'working c1 op2+op1', what: 'conversation c1 ACTIVE' },
    { to: 'its room', what: 'revisit c1' },
    { to: 'working c1 op1', what: 'conversation c1 ACTIVE' },
  ]);
});

test("a waiting conversation's other lines (bot answers, notes) reach those working it, not every operator", () => {
  const { publisher, sent } = recordingChannel();
  const queued = { id: 'c1', operatorId: null, channelId: 'default' };
  publisher.conversationUpdated(conversation(waiting), { formerOperatorId: 'op1' });
  publisher.messageNew({ ...message('Nok transferred this conversation to the queue'), direction: 'out', senderKind: 'system' }, queued);
  publisher.messageNew({ ...message('You are number 2 in the queue'), direction: 'out', senderKind: 'bot' }, queued);
  publisher.messageUpdated({ ...message('You are number 2 in the queue'), direction: 'out', senderKind: 'bot', deliveryStatus: 'sent' }, queued);
  publisher.messageNew(message('still there?'), queued);
  assert.equal(sent, [
    { to: 'everyone', what: 'conversation c1 WAITING' },
    { to: 'working c1 ', what: 'message:new Nok transferred this conversation to the queue' },
    { to: 'working c1 ', what: 'message:new You are number 2 in the queue' },
    { to: 'working c1 ', what: 'message:updated You are number 2 in the queue' },
    { to: 'everyone', what: 'message:new still there?' },
  ]);
});

test('back to the queue reaches everyone; a bot exchange outside any conversation only supervisors', () => {
  const { publisher, sent } = recordingChannel();
  publisher.conversationUpdated(conversation(waiting), { formerOperatorId: 'op1' });
  publisher.messageNew(message('hello'), null);
  assert.equal(sent, [
    { to: 'everyone', what: 'conversation c1 WAITING' },
    { to: 'supervisors', what: 'message:new hello' },
  ]);
});

test.run();
