/**
 * The studio's unread counts (studio/src/signals/unread-counts.ts): the engine's figure from a list load,
 * plus customer messages heard live, minus what was read; each message counted once however often it arrives,
 * and a list answer older than a read does not bring the read messages back.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationDto } from '../../engine/contracts/conversation.ts';
import { UnreadCounts } from '../../studio/src/signals/unread-counts.ts';

function listed(id: string, lastMessageId: number, unread: number): ConversationDto {
  return {
    id,
    status: 'ACTIVE',
    source: 'user',
    customer: { id: 'c', lineUserId: 'U1', displayName: null, pictureUrl: null, language: null, mode: 'HUMAN', tags: [], following: true, createdAt: 0 },
    channelId: 'default',
    operatorId: 'op',
    operatorName: 'Op',
    team: null,
    createdAt: 0,
    claimedAt: 0,
    firstResponseAt: null,
    closedAt: null,
    closeReason: null,
    flowVersion: null,
    lastMessage: { id: lastMessageId, text: 'hi', at: 0, senderKind: 'customer' },
    unread,
  };
}

test("the engine's count, plus each live customer message once", () => {
  const counts = new UnreadCounts();
  counts.load([listed('a', 10, 2)]);
  assert.is(counts.count('a'), 2);
  assert.not.ok(counts.customerMessage('a', 10), 'already in the list count');
  assert.ok(counts.customerMessage('a', 11));
  assert.not.ok(counts.customerMessage('a', 11), 'heard twice, counted once');
  assert.is(counts.count('a'), 3);
  assert.is(counts.count('unknown'), 0);
});

test('a message heard while the list was loading survives the load when the list did not count it', () => {
  const counts = new UnreadCounts();
  counts.customerMessage('a', 12);
  counts.load([listed('a', 11, 1)]);
  assert.is(counts.count('a'), 2);
  counts.load([listed('a', 12, 2)]);
  assert.is(counts.count('a'), 2, 'a later list that counted it: not twice');
});

test('reading clears up to the message read; an older list answer does not undo it', () => {
  const counts = new UnreadCounts();
  counts.load([listed('a', 10, 3)]);
  counts.customerMessage('a', 11);
  counts.customerMessage('a', 12);
  assert.is(counts.newest(listed('a', 10, 3)), 12);
  counts.read('a', 11);
  assert.is(counts.count('a'), 1, 'only the message after the one read');
  counts.read('a', 12);
  assert.is(counts.count('a'), 0);
  counts.load([listed('a', 10, 3)]);
  assert.is(counts.count('a'), 0, 'the list was answered before the read reached the engine');
  assert.not.ok(counts.customerMessage('a', 12), 'a replay of a read message');
});

test.run();
