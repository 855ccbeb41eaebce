import type { webhook } from '@line/bot-sdk';
import type { SandboxChatEntry, SimulatedEventRequest } from '../../contracts/sandbox.ts';
import { ChatTranscripts } from './chat-transcripts.ts';
import { createControlApi } from './fake-control-api.ts';
import { Delays } from './delays.ts';
import { fakeUserId } from './fake-ids.ts';
import { createFakeLineApi } from './fake-line-api.ts';
import type { ApiAnswer, EventOptions, FakeProfile, FakeRequest, InjectedFailure, RecordedCall } from './fake-line-types.ts';
import { authorizationFailure, failureAnswer } from './failure-answer.ts';
import { FakeQuota } from './fake-quota.ts';
import { FaultPlan } from './fault-plan.ts';
import { JsonHttpServer } from './json-http-server.ts';
import { MessageContents, type FakeContent } from './message-contents.ts';
import { ReplyTokens } from './reply-tokens.ts';
import { FakeRichMenus, type FakeUserRichMenu } from './fake-rich-menus.ts';
import { FakeGroups, type FakeChat } from './fake-groups.ts';
import { RetryKeys } from './retry-keys.ts';
import { simulateEvent } from './simulate-event.ts';
import { WebhookEvents, type MediaMessageKind } from './webhook-events.ts';

export type { EventOptions, FakeProfile, InjectedFailure, RecordedCall } from './fake-line-types.ts';
export type { FakeRichMenu, FakeUserRichMenu } from './fake-rich-menus.ts';
export type { FakeChat } from './fake-groups.ts';

/** The status a cut connection is recorded with: no HTTP answer left the fake. */
const RESET = 0;

/**
 * A fake LINE Messaging API on node:http that the real @line/bot-sdk talks to: it records every
 * call, can be told to fail or be slow, builds webhook events with reply tokens it will accept,
 * and keeps each user's chat as the phone would show it. Used by sandbox mode and by tests.
 *
 * @example
 * const line = new FakeLinePlatform({ channelAccessToken: 'T' });
 * const apiBaseUrl = await line.listen();
 * const event = line.textEvent('U1', 'hello');  // post line.webhookBody([event]) to the engine
 */
export class FakeLinePlatform {
  readonly calls: RecordedCall[] = [];
  /** the bot's own user id, sent as `destination` in webhook bodies */
  readonly botUserId = fakeUserId();
  private readonly defaultChannel: FakeChannel = { name: 'default', bot: { userId: this.botUserId, displayName: 'Baton sandbox' } };
  private readonly now: () => number;
  private readonly profiles = new Map<string, FakeProfile>();
  private readonly faults = new FaultPlan();
  private readonly transcripts: ChatTranscripts;
  private readonly events: WebhookEvents;
  private readonly contents = new MessageContents();
  /** rich menus made, their images, each user's link and the default */
  readonly richMenus = new FakeRichMenus();
  /** groups' names and their members' profiles */
  private readonly groups = new FakeGroups();
  private readonly quota = new FakeQuota();
  /** the access tokens it accepts, each a channel's: the constructor's is `default` */
  private readonly channels = new Map<string, FakeChannel>();
  private readonly api: (request: FakeRequest) => ApiAnswer;
  private readonly control = createControlApi(this);
  private readonly delays = new Delays();
  private readonly server = new JsonHttpServer((request) => this.handle(request));
  /** requests received and not answered yet, by path */
  private readonly unanswered = new Map<string, number>();

  constructor(private readonly options: { channelAccessToken: string; replyTokenTtlMs?: number; now?: () => number }) {
    this.now = options.now ?? Date.now;
    const replyTokens = new ReplyTokens(options.replyTokenTtlMs ?? 60_000, this.now);
    this.transcripts = new ChatTranscripts(this.now);
    this.events = new WebhookEvents({ now: this.now, replyTokens, transcripts: this.transcripts, contents: this.contents });
    this.api = createFakeLineApi({
      replyTokens,
      retryKeys: new RetryKeys(this.now),
      transcripts: this.transcripts,
      profiles: this.profiles,
      isMarkAsReadToken: (token) => this.events.isMarkAsReadToken(token),
      contents: this.contents,
      quota: this.quota,
      richMenus: this.richMenus,
      groups: this.groups,
    });
  }

  /** the channel whose token the request's Authorization header carries */
  private channelOf(request: FakeRequest): FakeChannel | null {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return null;
    const token = header.slice('Bearer '.length);
    if (token === this.options.channelAccessToken) return this.defaultChannel;
    return this.channels.get(token) ?? null;
  }

  /** Starts listening (port 0 = any free port); resolves the base URL to give the SDK. */
  listen(port = 0, host = '127.0.0.1'): Promise<string> {
    return this.server.listen(port, host);
  }

  /** Stops at once: slow answers still waiting are dropped and open connections are cut. */
  async close(): Promise<void> {
    this.delays.cancelAll();
    await this.server.close();
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  /** How many requests to `path` have arrived and are not answered yet (slow or hanging): a call in flight. */
  inFlight(path: string): number {
    return this.unanswered.get(path) ?? 0;
  }

  failNext(path: string, failure: InjectedFailure): void {
    this.faults.add(path, failure);
  }

  /** LINE is healthy again: forget failures that were queued and not yet used. */
  clearFailures(): void {
    this.faults.clear();
  }

  /**
   * The month's quota LINE reports (GET /v2/bot/message/quota and .../quota/consumption): `limit` null for
   * an account without one (default 500); `totalUsage` the count so far, which each accepted push adds one to.
   */
  setQuota(figures: { limit?: number | null; totalUsage?: number }): void {
    this.quota.set(figures);
  }

  /**
   * Another LINE channel whose access token the fake accepts (several Official Accounts): calls made with it are
   * recorded with `channel: name`, and GET /v2/bot/info answers `bot` for it.
   */
  addChannel(name: string, channelAccessToken: string, bot: FakeBotInfo = { displayName: name }): void {
    this.channels.set(channelAccessToken, { name, bot: { userId: fakeUserId(), ...bot } });
  }

  setProfile(userId: string, profile: FakeProfile): void {
    this.profiles.set(userId, { ...profile });
  }

  /** the name LINE gives for the group (GET /v2/bot/group/{groupId}/summary); unknown groups answer 404 */
  setGroupName(groupId: string, name: string): void {
    this.groups.setGroupName(groupId, name);
  }

  /** a member's name in a group or room (GET /v2/bot/group|room/{id}/member/{userId}); unknown members answer 404 */
  setGroupMember(chat: FakeChat, userId: string, displayName: string): void {
    this.groups.setMember(chat, userId, displayName);
  }

  /** the account was added to the group or room */
  joinEvent(chat: FakeChat, opts?: EventOptions): webhook.JoinEvent {
    return this.events.join(chat, opts);
  }

  /** the account was removed from the group (or the room emptied) */
  leaveEvent(chat: FakeChat, opts?: EventOptions): webhook.LeaveEvent {
    return this.events.leave(chat, opts);
  }

  memberJoinedEvent(chat: FakeChat, userIds: string[], opts?: EventOptions): webhook.MemberJoinedEvent {
    return this.events.memberJoined(chat, userIds, opts);
  }

  memberLeftEvent(chat: FakeChat, userIds: string[], opts?: EventOptions): webhook.MemberLeftEvent {
    return this.events.memberLeft(chat, userIds, opts);
  }

  followEvent(userId: string, opts?: EventOptions & { isUnblocked?: boolean }): webhook.FollowEvent {
    return this.events.follow(userId, opts);
  }

  unfollowEvent(userId: string, opts?: EventOptions): webhook.UnfollowEvent {
    return this.events.unfollow(userId, opts);
  }

  /** also puts the text in the user's chat, as sent by the user */
  textEvent(userId: string, text: string, opts?: EventOptions): webhook.MessageEvent {
    return this.events.text(userId, text, opts);
  }

  stickerEvent(userId: string, packageId: string, stickerId: string, opts?: EventOptions): webhook.MessageEvent {
    return this.events.sticker(userId, packageId, stickerId, opts);
  }

  /**
   * An image, video, audio or file the user sent; the data API serves `content` for it
   * (GET /v2/bot/message/{id}/content) until expireContent.
   */
  mediaEvent(userId: string, kind: MediaMessageKind, content: FakeContent, opts?: EventOptions & { fileName?: string; durationMs?: number }): webhook.MessageEvent {
    return this.events.media(userId, kind, content, opts);
  }

  locationEvent(userId: string, place: { title?: string; address?: string; latitude: number; longitude: number }, opts?: EventOptions): webhook.MessageEvent {
    return this.events.location(userId, place, opts);
  }

  /** the user unsent the message LINE knows by `messageId` */
  unsendEvent(userId: string, messageId: string, opts?: EventOptions): webhook.UnsendEvent {
    return this.events.unsend(userId, messageId, opts);
  }

  /** LINE keeps content only for a while: from now on its download answers 404 */
  expireContent(messageId: string): void {
    this.contents.expire(messageId);
  }

  postbackEvent(userId: string, data: string, opts?: EventOptions & { displayText?: string }): webhook.PostbackEvent {
    return this.events.postback(userId, data, opts);
  }

  /** The event the sandbox simulator asks for (a follow also gives the user a profile). */
  simulate(userId: string, request: SimulatedEventRequest): webhook.Event {
    return simulateEvent(this, userId, request);
  }

  /** JSON text of a webhook.CallbackRequest: sign exactly this text. */
  webhookBody(events: webhook.Event[], destination: string = this.botUserId): string {
    const body: webhook.CallbackRequest = { destination, events };
    return JSON.stringify(body);
  }

  /** the rich menu the user sees now in the channel (linked to them, else the channel's default), or null */
  richMenuOf(userId: string, channel = 'default'): FakeUserRichMenu | null {
    return this.richMenus.of(userId, channel);
  }

  /** the user's chat after `afterSeq` (exclusive), oldest first */
  chat(userId: string, afterSeq = 0): SandboxChatEntry[] {
    return this.transcripts.since(userId, afterSeq);
  }

  private async handle(request: FakeRequest): Promise<ApiAnswer | null> {
    if (request.path.startsWith('/__fake/')) return this.control(request);
    const at = this.now();
    this.unanswered.set(request.path, this.inFlight(request.path) + 1);
    const answer = await this.answer(request).finally(() => this.unanswered.set(request.path, this.inFlight(request.path) - 1));
    if (answer === null) return null; // closed while a slow answer was waiting
    const sent: ApiAnswer = { ...answer, headers: { 'x-line-request-id': request.requestId, ...answer.headers } };
    this.calls.push({
      at, method: request.method, path: request.path, headers: redact(request.headers), channel: this.channelOf(request)?.name ?? null,
      body: request.body, status: sent.status, response: sent.body,
    });
    return sent.status === RESET ? null : sent;
  }

  /** authorization, then any injected failure or delay, then the endpoint itself */
  private async answer(request: FakeRequest): Promise<ApiAnswer | null> {
    const channel = this.channelOf(request);
    const refused = channel ? null : authorizationFailure(request.headers.authorization, this.options.channelAccessToken);
    if (refused || !channel) return refused;
    const api = (call: FakeRequest) => (call.method === 'GET' && call.path === '/v2/bot/info' ? botInfoAnswer(channel.bot) : this.api({ ...call, channel: channel.name }));
    const failure = this.faults.take(request.path);
    if (!failure) return api(request);
    if (failure.delayMs && !(await this.delays.wait(failure.delayMs))) return null;
    if (failure.reset) {
      if (failure.applied) api(request);
      return { status: RESET, body: null };
    }
    if (failure.status >= 200 && failure.status < 300) return api(request); // a slow success
    if (failure.applied) api(request);
    return failureAnswer(failure);
  }
}

/** the channel whose access token the request carries, if any */
interface FakeChannel {
  name: string;
  bot: FakeBotInfo & { userId: string };
}

/** What GET /v2/bot/info answers for a channel (LINE's fields that Baton reads). */
export interface FakeBotInfo {
  displayName: string;
  pictureUrl?: string;
}

function botInfoAnswer(bot: FakeChannel['bot']): ApiAnswer {
  return { status: 200, body: { userId: bot.userId, basicId: `@${bot.userId.slice(1, 9)}`, displayName: bot.displayName, ...(bot.pictureUrl ? { pictureUrl: bot.pictureUrl } : {}), chatMode: 'bot', markAsReadMode: 'manual' } };
}

function redact(headers: Record<string, string>): Record<string, string> {
  if (headers.authorization === undefined) return headers;
  return { ...headers, authorization: headers.authorization.startsWith('Bearer ') ? 'Bearer [redacted]' : '[redacted]' };
}
