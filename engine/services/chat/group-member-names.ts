/**
 * The names shown above group and room members' messages (docs/groups.md). LINE's member profile (GET
 * /v2/bot/group/{groupId}/member/{userId}, or the room's) gives the name a person has in that chat, also for
 * members who never added the account as a friend. Names are kept per (chat, user) in chat_members, so LINE is
 * asked once per member, and again after a day (a name may change) or when they come back after leaving.
 *
 * Like profile-lookup.ts, the events of a chat whose member is being asked about wait for LINE at most `waitMs`
 * (the rest of their batch does not: event-handler.ts), and not at all while LINE is slow (a lookup took
 * longer than that) until a quick answer shows it is fine again. A name LINE does not give in time, or at
 * all, is written as "Member …abcd" (the end of their user id); one that comes late is kept for their next
 * message. A member LINE gives no user id for (LINE withholds it for some) has no name at all.
 */
import { performance } from 'node:perf_hooks';
import type { InboundEvent } from '../../line/normalize-line-event.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { LineClients } from '../channels/line-clients.ts';
import { shortLineId } from './chat-profile.ts';
import { settlesWithin } from './profile-lookup.ts';

/** A member's message in a group or room chat of a channel. */
export interface ChatMember {
  channelId: string;
  chat: { type: 'group' | 'room'; id: string };
  userId: string;
}

/** A name kept this long is asked of LINE again (the old one serves until the answer comes). */
const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;
/** After LINE had no name (or failed), it is not asked again for this member before this. */
const MISS_PAUSE_MS = 10 * 60 * 1000;

export const memberKey = (chatId: string, userId: string): string => `${chatId}\u0000${userId}`;

/** the name shown for a member LINE gave none for */
export const fallbackMemberName = (userId: string): string => `Member ${shortLineId(userId)}`;

/** What ask() knows at once, and what it is still asking LINE for. */
export interface AskedNames {
  now: Map<string, string>;
  /** chats (their LINE ids) with a member whose name LINE is being asked for, answered by `later` */
  pendingChats: Set<string>;
  later: Promise<Map<string, string>> | null;
}

export class GroupMemberNames {
  private readonly inFlight = new Map<string, Promise<string | null>>();
  /** member key -> when LINE may be asked again after a miss */
  private readonly missed = new Map<string, number>();
  private slow = false;

  constructor(
    private readonly line: Pick<LineClients, 'of'>,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly waitMs: number,
  ) {}

  /**
   * A name for every member asked about (`now`, by memberKey): the one kept, else "Member …abcd". When LINE is
   * being asked for some and is not slow, `pendingChats` names their chats and `later` gives `now` with what
   * LINE answered within the wait; the other answers are kept for the members' next messages.
   */
  async ask(members: readonly ChatMember[]): Promise<AskedNames> {
    const now = new Map<string, string>();
    const asking = new Set<string>();
    const answers = new Map<string, string | null>();
    // the lookups of members with no name yet: their chats' events wait for these
    const awaited: Promise<void>[] = [];
    const pendingChats = new Set<string>();
    const at = this.now();
    for (const [chatId, ofChat] of groupBy(members, (m) => m.chat.id)) {
      const kept = await this.store.chatMembers.names(chatId, ofChat.map((m) => m.userId));
      for (const member of ofChat) {
        const key = memberKey(chatId, member.userId);
        const known = kept.get(member.userId);
        now.set(key, known?.name ?? fallbackMemberName(member.userId));
        const fresh = known !== undefined && at - known.updatedAt < REFRESH_AFTER_MS;
        if (fresh || asking.has(key) || (this.missed.get(key) ?? 0) > at) continue;
        asking.add(key);
        const asked = this.lookUp(key, member).then((name) => void answers.set(key, name));
        // a name being refreshed is no reason to wait: the kept one serves until LINE's answer is written
        if (known) continue;
        awaited.push(asked);
        pendingChats.add(chatId);
      }
    }
    if (pendingChats.size === 0 || this.slow) return { now, pendingChats: new Set(), later: null };
    const startedAt = performance.now();
    const later = settlesWithin(Promise.all(awaited), this.waitMs).then((answered) => {
      this.slow = !answered || performance.now() - startedAt > this.waitMs;
      const named = new Map(now);
      for (const [key, name] of answers) if (name) named.set(key, name);
      return named;
    });
    return { now, pendingChats, later };
  }

  /** LINE's answer, written to chat_members when it comes (in time or late); null when LINE gave none. */
  private lookUp(key: string, member: ChatMember): Promise<string | null> {
    const known = this.inFlight.get(key);
    if (known) return known;
    const asked = this.line
      .of(member.channelId)
      .then((line) => line.getMemberName(member.chat, member.userId))
      .then(async (name) => {
        if (name) await this.store.chatMembers.remember(member.chat.id, member.userId, name, this.now());
        else this.missed.set(key, this.now() + MISS_PAUSE_MS);
        return name;
      })
      .catch((error: unknown) => {
        this.missed.set(key, this.now() + MISS_PAUSE_MS);
        this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'group member name not fetched');
        return null;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, asked);
    return asked;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** The members an event names, whose names its messages or thread lines show: a group message's sender, who came or went. */
export function chatMembersOf(line: InboundEvent, channelId: string): ChatMember[] {
  if (line.source === 'user' || line.chatId === null) return [];
  const chat = { type: line.source, id: line.chatId };
  if (line.type === 'memberJoined' || line.type === 'memberLeft') return line.members.map((userId) => ({ channelId, chat, userId }));
  return (line.message || line.postback) && line.senderUserId ? [{ channelId, chat, userId: line.senderUserId }] : [];
}

/** The name stored with a group or room message (null for a one-to-one chat, or a member LINE gave no id for). */
export function senderNameOf(line: InboundEvent, names: ReadonlyMap<string, string>): string | null {
  if (line.source === 'user' || line.chatId === null || line.senderUserId === null) return null;
  return names.get(memberKey(line.chatId, line.senderUserId)) ?? fallbackMemberName(line.senderUserId);
}
