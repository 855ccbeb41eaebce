/** Types shared by the pieces of the fake LINE platform. */
import type { FakeChat } from './fake-groups.ts';

/** One request the fake LINE API received, as tests inspect it. */
export interface RecordedCall {
  /** the fake's clock when the request arrived */
  at: number;
  method: string;
  /** path without the query string, e.g. '/v2/bot/message/push' */
  path: string;
  /** lower-cased request headers; `authorization` is redacted */
  headers: Record<string, string>;
  /**
   * whose access token the Authorization header carried: `default` for the one the fake was made with, the name
   * given to addChannel for another; null when it carried none of them (refused with 401)
   */
  channel: string | null;
  /** parsed JSON body, or null when there was none (or it was not JSON) */
  body: unknown;
  status: number;
  /** the JSON the fake answered with */
  response: unknown;
}

/** An answer to inject for the next request(s) to one path. */
export interface InjectedFailure {
  /** HTTP status to answer; a 2xx status with `delayMs` makes a slow success */
  status: number;
  /** how many requests in a row get it; default 1 */
  times?: number;
  /** response body; default LINE's `{ message }` for the status */
  body?: unknown;
  /** wait this long before answering */
  delayMs?: number;
  /** sets the `Retry-After` header */
  retryAfterSeconds?: number;
  /** the request takes effect anyway (LINE: "even if you get a 5xx, the message may have been
   * delivered"); default false */
  applied?: boolean;
  /** cut the connection instead of answering (after `delayMs`, taking effect if `applied`); recorded
   * with status 0 */
  reset?: boolean;
}

export interface FakeProfile {
  displayName: string;
  pictureUrl?: string;
  language?: string;
  statusMessage?: string;
}

export interface EventOptions {
  /** ms; default the fake's clock */
  timestamp?: number;
  /** default 'active'; standby message and postback events carry no reply token */
  mode?: 'active' | 'standby';
  /** default false */
  isRedelivery?: boolean;
  /** default a fresh ULID; an id already issued returns that same event again (a redelivery) */
  webhookEventId?: string;
  /** the event comes from this group or room (the user is the member who wrote); default a one-to-one chat */
  chat?: FakeChat;
}

/** What a route handler answers; the server writes it as JSON, or `bytes` as they are (content downloads). */
export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  bytes?: { data: Buffer; contentType: string };
}

/** A request as route handlers see it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** parsed JSON, null for an empty body */
  body: unknown;
  /** true when a non-empty body was not valid JSON */
  malformed: boolean;
  /** the body as it came (a rich menu image is not JSON) */
  bytes?: Buffer;
  /** the `x-line-request-id` this request is answered with */
  requestId: string;
  /** the channel whose token it carries (the fake's own: `default`), once authorized */
  channel?: string;
}

/** LINE's error body shape. */
export function lineError(message: string, details?: { message: string; property: string }[]): unknown {
  return details && details.length > 0 ? { message, details } : { message };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
