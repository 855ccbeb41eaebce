/**
 * The groups and rooms the fake LINE knows: a group's summary (its name) and each member's profile there, as
 * LINE answers GET /v2/bot/group/{groupId}/summary, /v2/bot/group/{groupId}/member/{userId} and
 * /v2/bot/room/{roomId}/member/{userId}. A member needs no friendship with the account for that (LINE gives
 * group members' profiles to the account regardless), so these are kept apart from the friends' profiles.
 */
import { lineError, type ApiAnswer, type FakeRequest } from './fake-line-types.ts';

/** A group or room chat, as a webhook event's source names it. */
export type FakeChat = { type: 'group'; groupId: string } | { type: 'room'; roomId: string };

const SUMMARY_PATH = /^\/v2\/bot\/group\/([^/]+)\/summary$/;
const MEMBER_PATH = /^\/v2\/bot\/(group|room)\/([^/]+)\/member\/([^/]+)$/;

export const chatIdOf = (chat: FakeChat): string => (chat.type === 'group' ? chat.groupId : chat.roomId);

export class FakeGroups {
  private readonly names = new Map<string, string>();
  private readonly members = new Map<string, Map<string, string>>();

  setGroupName(groupId: string, name: string): void {
    this.names.set(groupId, name);
  }

  /** `displayName` as LINE gives it for this member in this group or room */
  setMember(chat: FakeChat, userId: string, displayName: string): void {
    const chatId = chatIdOf(chat);
    const members = this.members.get(chatId) ?? new Map<string, string>();
    members.set(userId, displayName);
    this.members.set(chatId, members);
  }

  /** the answer for a group or room path, or null when the request is for another endpoint */
  answer(request: FakeRequest): ApiAnswer | null {
    if (request.method !== 'GET') return null;
    const summary = SUMMARY_PATH.exec(request.path);
    if (summary?.[1] !== undefined) {
      const groupId = decodeURIComponent(summary[1]);
      const name = this.names.get(groupId);
      return name === undefined ? notFound() : { status: 200, body: { groupId, groupName: name } };
    }
    const member = MEMBER_PATH.exec(request.path);
    if (member?.[2] !== undefined && member[3] !== undefined) {
      const userId = decodeURIComponent(member[3]);
      const displayName = this.members.get(decodeURIComponent(member[2]))?.get(userId);
      return displayName === undefined ? notFound() : { status: 200, body: { displayName, userId } };
    }
    return null;
  }
}

function notFound(): ApiAnswer {
  return { status: 404, body: lineError('Not found') };
}
