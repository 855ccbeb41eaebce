/**
 * What happens to a group or room chat itself (docs/groups.md), besides its messages: the account was removed
 * (`leave`), or members came or went (`memberJoined`, `memberLeft`). No flow runs for these. A leave closes
 * the group's open conversation, as a block does a person's: nobody there can be answered any more, so no
 * survey and nothing is sent. Member changes are lines for the team in the group's thread (its open
 * conversation, or its history when the bot has it); the names Baton keeps for members who left are dropped,
 * to be asked of LINE afresh should they come back.
 */
import type { InboundEvent } from '../../line/normalize-line-event.ts';
import { ConversationEventKind } from '../../store/repositories/conversation-events.repo.ts';
import type { CustomerRow } from '../../store/repositories/customers.repo.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { fallbackMemberName, memberKey } from './group-member-names.ts';
import { writeNote } from './thread-notes.ts';

/** The close reason of a conversation whose group removed the account. */
export const LEFT_GROUP = 'account-left-group';

const CHANGES = new Set(['leave', 'memberJoined', 'memberLeft']);

/** A leave or member change of a group or room chat. */
export function isGroupChange(line: InboundEvent | null): line is InboundEvent & { chatId: string } {
  return line !== null && line.source !== 'user' && line.chatId !== null && CHANGES.has(line.type);
}

export interface GroupChange {
  customer: CustomerRow;
  /** the conversation closed or written in */
  touched: Set<string>;
  notes: MessageRow[];
}

/**
 * Applies one change in the caller's transaction; null when Baton never saw the chat (nothing to change).
 * `names`: members' names by memberKey, looked up before the transaction.
 */
export async function applyGroupChange(tx: Store, line: InboundEvent & { chatId: string }, channelId: string, names: ReadonlyMap<string, string>, at: number): Promise<GroupChange | null> {
  const customer = await tx.customers.findByChannelUser(channelId, line.chatId);
  if (!customer) return null;
  const open = (await tx.conversations.findOpenByCustomer(customer.id)) ?? null;
  const change: GroupChange = { customer, touched: new Set(), notes: [] };
  if (line.type === 'leave') {
    if (open) {
      await tx.conversations.close(open.id, LEFT_GROUP, at);
      await tx.conversationEvents.record({ conversation_id: open.id, kind: ConversationEventKind.CLOSED, operator_id: open.operator_id, team: open.team, at });
      change.touched.add(open.id);
    }
    await tx.customers.setMode(customer.id, 'BOT', at);
    // not there any more: like a customer who blocked the account (no typing, nothing to push), until a join
    await tx.customers.setFollowing(customer.id, false, at);
    await tx.chatMembers.forgetChat(line.chatId);
    return change;
  }
  const who = line.members.map((userId) => names.get(memberKey(line.chatId, userId)) ?? fallbackMemberName(userId));
  if (who.length === 0) return change;
  const place = line.source === 'room' ? 'the room' : 'the group';
  const text = `${who.join(', ')} ${line.type === 'memberJoined' ? 'joined' : 'left'} ${place}`;
  change.notes.push(await writeNote(tx, { conversation: { id: open?.id ?? null, customer_id: customer.id }, author: { kind: 'system' }, text, now: at }));
  if (open) change.touched.add(open.id);
  if (line.type === 'memberLeft') await tx.chatMembers.forget(line.chatId, line.members);
  return change;
}
