import type { Readable } from 'node:stream';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { pino, type Logger } from 'pino';
import { LineApiError, statusFailure, toLineApiError } from './line-api-error.ts';
import { LineHttp, type LineHttpAnswer } from './line-http.ts';
import { withRetry } from './retry.ts';
import { StaleAttempts } from './stale-attempts.ts';
import { withTimeout } from './with-timeout.ts';

export { LineApiError } from './line-api-error.ts';
export { LineCallAbortedError } from './with-timeout.ts';

/** Per call: `signal` stops the wait at once (shutdown); the request itself may still reach LINE. */
export interface LineCallOptions {
  signal?: AbortSignal;
}

export interface LineProfile {
  displayName: string;
  pictureUrl: string | null;
  language: string | null;
  statusMessage: string | null;
}

/** The outbound side of LINE, as Baton uses it. Every failure is a LineApiError. */
export interface LineClient {
  /** one call, never retried (a reply token works once), waited for up to `replyTimeoutMs`; throws
   * LineApiError, whose `retryable` then only says the failure was transient (a push may follow),
   * never that the token is reusable. Status null with `requestSent` (a timeout, a cut connection, an
   * abort) means the reply may still have been delivered. */
  reply(replyToken: string, messages: messagingApi.Message[], options?: LineCallOptions): Promise<void>;
  /** retried with the same X-Line-Retry-Key on 5xx, 429 (honouring Retry-After), timeouts and
   * network errors, with exponential backoff; 409 (key already accepted) counts as delivered;
   * other 4xx throw at once; an abort throws LineCallAbortedError at once, between attempts too */
  push(to: string, messages: messagingApi.Message[], retryKey: string, options?: LineCallOptions): Promise<{ alreadyAccepted: boolean }>;
  /** null when LINE has no profile for this user (404: unknown, not a friend, or blocked) */
  getProfile(userId: string, options?: LineCallOptions): Promise<LineProfile | null>;
  /** a group's name and icon (GET /v2/bot/group/{groupId}/summary); null when LINE does not know the group (404: the account left it) */
  getGroupSummary(groupId: string): Promise<{ groupName: string; pictureUrl: string | null } | null>;
  /**
   * A group or room member's name there (GET /v2/bot/group/{groupId}/member/{userId}, or .../room/...): given for
   * members who never added the account as a friend too; null when LINE has none (404)
   */
  getMemberName(chat: { type: 'group' | 'room'; id: string }, userId: string): Promise<string | null>;
  showLoadingAnimation(chatId: string, loadingSeconds: number): Promise<void>;
  /**
   * The content of a message a user sent (image, video, audio, file) from LINE's data API, as a stream (a
   * video may be 200 MB: never read whole). The wait for LINE's answer is bounded by timeoutMs; the body's
   * pace is the caller's to watch. Throws LineApiError: 404 when LINE no longer has the content, status
   * 202 (retryable) while LINE is still preparing a video or audio.
   */
  getMessageContent(messageId: string): Promise<MessageContent>;
  markAsRead(markAsReadToken: string): Promise<void>;
  /** The month's message quota (GET /v2/bot/message/quota): `limit` null when the account has none. One call, never retried. */
  getMessageQuota(): Promise<{ limit: number | null }>;
  /** Messages counted against the quota this month (GET /v2/bot/message/quota/consumption). One call, never retried. */
  getMessageQuotaConsumption(): Promise<number>;
  /** The bot's own account (GET /v2/bot/info): checks a token and names the account. One call, never retried; 401: the token is refused. */
  getBotInfo(): Promise<LineBotInfo>;
  /** Its token was rotated or its channel removed: its kept-alive connections close once the calls under way are answered. */
  retire(): void;
}

export interface LineBotInfo {
  /** the bot's user id: `destination` in the channel's webhooks */
  userId: string;
  displayName: string;
  pictureUrl: string | null;
}

export interface MessageContent {
  stream: Readable;
  /** LINE's Content-Length, when it sent one */
  contentLength: number | null;
}

export interface LineClientOptions {
  channelAccessToken: string;
  /** e.g. https://api.line.me, or the sandbox's URL; must not carry a path */
  apiBaseUrl: string;
  /** e.g. https://api-data.line.me (content downloads); must not carry a path */
  dataApiBaseUrl: string;
  /** per HTTP call; default 10000 */
  timeoutMs?: number;
  /**
   * how long to wait for a reply's answer; default timeoutMs. Giving up on a push costs little (it is
   * retried with its key); giving up on a reply leaves its outcome unknown for good (a token works
   * once, and there is no key), so a reply may deserve a longer wait.
   */
  replyTimeoutMs?: number;
  /** attempts for push, the first one included; default 4 */
  maxAttempts?: number;
  /** first retry delay, doubled each time; default 200 */
  backoffMs?: number;
  /**
   * a push attempt sent this long before a call LINE has answered since is abandoned and retried with
   * its key (LINE is back, that attempt is likely lost); default the lesser of 2 s and timeoutMs / 2
   */
  staleAfterMs?: number;
  logger?: Logger;
}

/**
 * @example
 * const line = createLineClient({ channelAccessToken, apiBaseUrl: 'https://api.line.me',
 *   dataApiBaseUrl: 'https://api-data.line.me', logger });
 * await line.push(userId, [{ type: 'text', text: 'hi' }], randomUUID());
 */
export function createLineClient(options: LineClientOptions): LineClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const replyTimeoutMs = options.replyTimeoutMs ?? timeoutMs;
  const staleAfterMs = options.staleAfterMs ?? Math.min(2_000, timeoutMs / 2);
  // the probe: the message quota, cheap and harmless; whatever LINE answers, call() reports it
  const stale = new StaleAttempts(staleAfterMs, () => call('probe', () => api.getMessageQuota(), undefined, staleAfterMs).then(() => undefined, () => undefined));
  const log = (options.logger ?? pino({ level: 'silent' })).child({ module: 'line-client' });
  const api = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: originOnly(options.apiBaseUrl, 'apiBaseUrl'),
  });
  // the calls paid per message (reply, push, a new customer's profile) skip the SDK's fetch: line-http.ts says why
  const perMessage = new LineHttp(originOnly(options.apiBaseUrl, 'apiBaseUrl'), options.channelAccessToken);
  /** LINE's answer as the SDK would give it: the parsed body of a 2xx, a LineApiError for any other status */
  const answerOf = <T>(operation: string, answer: LineHttpAnswer): T => {
    if (answer.status < 200 || answer.status > 299) throw statusFailure(operation, answer.status, answer.body, headerOf(answer, 'retry-after'));
    return (answer.body === '' ? {} : JSON.parse(answer.body)) as T;
  };
  // built now so a bad data URL fails at start-up: content downloads (images, video, audio, files)
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: originOnly(options.dataApiBaseUrl, 'dataApiBaseUrl'),
  });

  /** one HTTP call, given up on after limitMs or when signal aborts; `abandonable` for a push attempt (see StaleAttempts) */
  async function call<T>(operation: string, work: () => Promise<T>, signal?: AbortSignal, limitMs = timeoutMs, abandonable = false): Promise<T> {
    const sentAt = stale.now();
    try {
      const running = abandonable ? stale.run(work(), operation) : work();
      const result = await withTimeout(running, limitMs, operation, signal);
      stale.answered(sentAt);
      return result;
    } catch (error) {
      // an error status is an answer too: LINE is there
      if (error instanceof HTTPFetchError || (error instanceof LineApiError && error.status !== null)) stale.answered(sentAt);
      throw toLineApiError(error, operation);
    }
  }

  return {
    retire: () => perMessage.retire(),
    async reply(replyToken, messages, callOptions) {
      const body = JSON.stringify({ replyToken, messages });
      await call('reply', async () => answerOf('reply', await perMessage.post('/v2/bot/message/reply', body, 'reply')), callOptions?.signal, replyTimeoutMs);
    },

    async push(to, messages, retryKey, callOptions) {
      const signal = callOptions?.signal;
      const policy = {
        maxAttempts: options.maxAttempts ?? 4,
        backoffMs: options.backoffMs ?? 200,
        onRetry: ({ attempt, delayMs, error }: { attempt: number; delayMs: number; error: LineApiError }) =>
          log.warn({ op: 'push', to, retryKey, attempt, status: error.status, delayMs }, 'LINE push failed, retrying'),
      };
      try {
        const body = JSON.stringify({ to, messages });
        const send = async () => answerOf('push', await perMessage.post('/v2/bot/message/push', body, 'push', { 'x-line-retry-key': retryKey }));
        const attempt = (_: number, abandonable: boolean) => call('push', send, signal, timeoutMs, abandonable);
        await withRetry(policy, attempt, (e) => toLineApiError(e, 'push'), signal);
        return { alreadyAccepted: false };
      } catch (error) {
        // 409: LINE accepted this retry key before (an earlier attempt whose answer we lost).
        if (error instanceof LineApiError && error.status === 409) {
          log.info({ op: 'push', to, retryKey }, 'LINE push already accepted under this retry key');
          return { alreadyAccepted: true };
        }
        throw error;
      }
    },

    async getProfile(userId, callOptions) {
      try {
        // encoded, an id from anywhere stays one path segment
        const path = `/v2/bot/profile/${encodeURIComponent(userId)}`;
        const profile = await call('getProfile', async () => answerOf<messagingApi.UserProfileResponse>('getProfile', await perMessage.get(path, 'getProfile')), callOptions?.signal);
        return {
          displayName: storable(profile.displayName, MAX_DISPLAY_NAME) ?? '',
          pictureUrl: storable(profile.pictureUrl, MAX_PICTURE_URL),
          language: storable(profile.language, MAX_LANGUAGE),
          statusMessage: storable(profile.statusMessage, MAX_STATUS_MESSAGE),
        };
      } catch (error) {
        if (error instanceof LineApiError && error.status === 404) return null;
        throw error;
      }
    },

    async getGroupSummary(groupId) {
      try {
        const summary = await call('getGroupSummary', () => api.getGroupSummary(encodeURIComponent(groupId)));
        return { groupName: storable(summary.groupName, MAX_DISPLAY_NAME) ?? '', pictureUrl: storable(summary.pictureUrl, MAX_PICTURE_URL) };
      } catch (error) {
        if (error instanceof LineApiError && error.status === 404) return null;
        throw error;
      }
    },

    async getMemberName(chat, userId) {
      // ids encoded as in getProfile: each stays one path segment
      const [chatId, user] = [encodeURIComponent(chat.id), encodeURIComponent(userId)];
      try {
        const profile = chat.type === 'group'
          ? await call('getGroupMemberProfile', () => api.getGroupMemberProfile(chatId, user))
          : await call('getRoomMemberProfile', () => api.getRoomMemberProfile(chatId, user));
        return storable(profile.displayName, MAX_DISPLAY_NAME);
      } catch (error) {
        if (error instanceof LineApiError && error.status === 404) return null;
        throw error;
      }
    },

    async showLoadingAnimation(chatId, loadingSeconds) {
      await call('showLoadingAnimation', () => api.showLoadingAnimation({ chatId, loadingSeconds }));
    },

    async getMessageContent(messageId) {
      // the SDK puts the id into the path as it is: encoded, an id from anywhere stays one path segment
      const answer = blob.getMessageContentWithHttpInfo(encodeURIComponent(messageId));
      let content: Awaited<typeof answer>;
      try {
        content = await withTimeout(answer, timeoutMs, 'getMessageContent');
      } catch (error) {
        // an answer that comes after we stopped waiting is not read: let its connection go
        answer.then((late) => late.body.destroy(), () => undefined);
        throw toLineApiError(error, 'getMessageContent');
      }
      if (content.httpResponse.status === 202) {
        content.body.destroy();
        throw new LineApiError('LINE getMessageContent: the content is still being prepared', { status: 202, retryable: true });
      }
      const length = Number(content.httpResponse.headers.get('content-length') ?? Number.NaN);
      return { stream: content.body, contentLength: Number.isSafeInteger(length) && length >= 0 ? length : null };
    },

    async markAsRead(markAsReadToken) {
      await call('markAsRead', () => api.markMessagesAsReadByToken({ markAsReadToken }));
    },

    async getMessageQuota() {
      const quota = await call('getMessageQuota', () => api.getMessageQuota());
      return { limit: quota.type === 'limited' && typeof quota.value === 'number' ? quota.value : null };
    },

    async getMessageQuotaConsumption() {
      const consumption = await call('getMessageQuotaConsumption', () => api.getMessageQuotaConsumption());
      if (typeof consumption.totalUsage !== 'number') throw new LineApiError('LINE getMessageQuotaConsumption: no totalUsage in the answer', { status: null, retryable: true });
      return consumption.totalUsage;
    },

    async getBotInfo() {
      const info = await call('getBotInfo', () => api.getBotInfo());
      return {
        userId: info.userId,
        displayName: storable(info.displayName, MAX_DISPLAY_NAME) ?? '',
        pictureUrl: storable(info.pictureUrl, MAX_PICTURE_URL),
      };
    },
  };
}

/*
 * A profile is text from someone else's account: what LINE allows (20-character names) is not what
 * reaches us through a proxy or a changed API. The customers table holds names up to 200 characters
 * and languages up to 16, and Postgres text cannot hold NUL: one odd profile must not fail the event
 * that fetched it.
 */
const MAX_DISPLAY_NAME = 200;
const MAX_LANGUAGE = 16;
const MAX_PICTURE_URL = 2_000;
const MAX_STATUS_MESSAGE = 1_000;

/** `text` without NUL characters, cut to `max` characters (whole code points); null stays null */
export function storable(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  return Array.from(text.replaceAll('\u0000', '')).slice(0, max).join('');
}

function headerOf(answer: LineHttpAnswer, name: string): string | null {
  const value = answer.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The SDK resolves absolute paths against baseURL, silently dropping any path prefix
 * (https://proxy/line -> https://proxy/v2/...). Refuse such a URL instead of calling the wrong place. */
function originOnly(url: string, name: string): string {
  const parsed = new URL(url);
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    throw new Error(`${name} must be an origin without a path (the LINE SDK drops the path): ${parsed.origin}…`);
  }
  return parsed.origin;
}
