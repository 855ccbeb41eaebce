import type { ChatTranscripts } from './chat-transcripts.ts';
import { createMessageIds, opaqueToken } from './fake-ids.ts';
import type { MessageContents } from './message-contents.ts';
import type { FakeQuota } from './fake-quota.ts';
import { isRecord, lineError, type ApiAnswer, type FakeProfile, type FakeRequest } from './fake-line-types.ts';
import { checkMessages, type ChatMessage, type Problem } from './message-rules.ts';
import type { ReplyTokens } from './reply-tokens.ts';
import type { FakeRichMenus } from './fake-rich-menus.ts';
import type { FakeGroups } from './fake-groups.ts';
import { RETRY_KEY_PATTERN, type RetryKeys } from './retry-keys.ts';

export interface FakeLineApiState {
  replyTokens: ReplyTokens;
  retryKeys: RetryKeys;
  transcripts: ChatTranscripts;
  profiles: Map<string, FakeProfile>;
  isMarkAsReadToken: (token: string) => boolean;
  contents: MessageContents;
  quota: FakeQuota;
  richMenus: FakeRichMenus;
  groups: FakeGroups;
}

interface SentMessage {
  id: string;
  quoteToken: string;
}

const PROFILE_PATH = /^\/v2\/bot\/profile\/([^/]+)$/;
/** the data API's content download (api-data.line.me; the fake serves both APIs at one address) */
const CONTENT_PATH = /^\/v2\/bot\/message\/([^/]+)\/content$/;

/**
 * The Messaging API endpoints Baton uses, with LINE's status codes and `{ message, details? }`
 * bodies. Authorization and injected failures are the server's job, before this runs.
 */
export function createFakeLineApi(state: FakeLineApiState): (request: FakeRequest) => ApiAnswer {
  const sentMessageId = createMessageIds(600_000_000_000_000_000n);

  /** puts already-checked messages on the user's phone, as LINE's `sentMessages` */
  function deliver(userId: string, via: 'reply' | 'push', messages: ChatMessage[]): SentMessage[] {
    return messages.map((message) => {
      state.transcripts.append(userId, 'account', via, message);
      return { id: sentMessageId(), quoteToken: opaqueToken() };
    });
  }

  function reply(body: Record<string, unknown>, retryKey: string | undefined): ApiAnswer {
    // LINE refuses a retry key on any endpoint that does not support one: a reply cannot be retried.
    if (retryKey !== undefined) return invalid([{ message: 'Not supported on this endpoint', property: 'X-Line-Retry-Key' }]);
    if (typeof body.replyToken !== 'string') return invalid([{ message: 'May not be empty', property: 'replyToken' }]);
    const messages = checkMessages(body.messages);
    if (!messages.ok) return invalid(messages.problems);
    const redeemed = state.replyTokens.redeem(body.replyToken);
    if (!redeemed) return { status: 400, body: lineError('Invalid reply token') };
    return { status: 200, body: { sentMessages: deliver(redeemed.userId, 'reply', messages.messages) } };
  }

  function push(body: Record<string, unknown>, retryKey: string | undefined, requestId: string): ApiAnswer {
    if (retryKey !== undefined) {
      if (!RETRY_KEY_PATTERN.test(retryKey)) {
        return invalid([{ message: 'Must be a UUID in hexadecimal format', property: 'X-Line-Retry-Key' }]);
      }
      const earlier = state.retryKeys.find(retryKey);
      if (earlier) {
        return {
          status: 409,
          body: { message: 'The retry key is already accepted', sentMessages: earlier.sentMessages },
          headers: { 'x-line-accepted-request-id': earlier.requestId },
        };
      }
    }
    if (typeof body.to !== 'string' || body.to === '') return invalid([{ message: 'May not be empty', property: 'to' }]);
    const messages = checkMessages(body.messages);
    if (!messages.ok) return invalid(messages.problems);
    const sentMessages = deliver(body.to, 'push', messages.messages);
    state.quota.totalUsage += 1;
    if (retryKey !== undefined) state.retryKeys.remember(retryKey, { requestId, sentMessages });
    return { status: 200, body: { sentMessages } };
  }

  function showLoading(body: Record<string, unknown>): ApiAnswer {
    if (typeof body.chatId !== 'string' || body.chatId === '') return invalid([{ message: 'May not be empty', property: 'chatId' }]);
    const seconds = body.loadingSeconds ?? 20;
    if (typeof seconds !== 'number' || seconds < 5 || seconds > 60 || seconds % 5 !== 0) {
      return invalid([{ message: 'Must be a multiple of 5 between 5 and 60', property: 'loadingSeconds' }]);
    }
    return { status: 202, body: {} };
  }

  function markAsRead(body: Record<string, unknown>): ApiAnswer {
    const token = body.markAsReadToken;
    if (typeof token !== 'string' || !state.isMarkAsReadToken(token)) {
      // LINE's exact wording for a bad token is not documented; the status and shape are.
      return invalid([{ message: 'Invalid markAsReadToken', property: 'markAsReadToken' }]);
    }
    return { status: 200, body: {} };
  }

  function profile(userId: string): ApiAnswer {
    const found = state.profiles.get(userId);
    if (!found) return { status: 404, body: lineError('Not found') };
    return { status: 200, body: { userId, ...found } };
  }

  function content(messageId: string): ApiAnswer {
    const found = state.contents.find(messageId);
    if (!found) return { status: 404, body: lineError('Not found') };
    return { status: 200, body: null, bytes: found };
  }

  return (request) => {
    const richMenu = state.richMenus.answer(request);
    if (richMenu) return richMenu;
    const group = state.groups.answer(request);
    if (group) return group;
    const profileMatch = request.method === 'GET' ? PROFILE_PATH.exec(request.path) : null;
    if (profileMatch?.[1] !== undefined) return profile(decodeURIComponent(profileMatch[1]));
    const contentMatch = request.method === 'GET' ? CONTENT_PATH.exec(request.path) : null;
    if (contentMatch?.[1] !== undefined) return content(decodeURIComponent(contentMatch[1]));
    if (request.method === 'GET' && request.path === '/v2/bot/message/quota') return state.quota.quota();
    if (request.method === 'GET' && request.path === '/v2/bot/message/quota/consumption') return state.quota.consumption();
    if (request.method !== 'POST') return { status: 404, body: lineError('Not found') };
    if (request.malformed) return { status: 400, body: lineError('The request body could not be parsed as JSON') };
    const body = isRecord(request.body) ? request.body : {};
    switch (request.path) {
      case '/v2/bot/message/reply':
        return reply(body, request.headers['x-line-retry-key']);
      case '/v2/bot/message/push':
        return push(body, request.headers['x-line-retry-key'], request.requestId);
      case '/v2/bot/chat/loading/start':
        return showLoading(body);
      case '/v2/bot/chat/markAsRead':
        return markAsRead(body);
      default:
        return { status: 404, body: lineError('Not found') };
    }
  };
}

function invalid(problems: Problem[]): ApiAnswer {
  return { status: 400, body: lineError(`The request body has ${problems.length} error(s)`, problems) };
}
