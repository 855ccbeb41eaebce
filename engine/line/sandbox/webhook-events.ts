import type { webhook } from '@line/bot-sdk';
import { ulid } from '../../domain/ids/ulid.ts';
import type { ChatTranscripts } from './chat-transcripts.ts';
import { createMessageIds, opaqueToken } from './fake-ids.ts';
import type { EventOptions } from './fake-line-types.ts';
import { chatIdOf, type FakeChat } from './fake-groups.ts';
import type { FakeContent, MessageContents } from './message-contents.ts';

export type MediaMessageKind = 'image' | 'video' | 'audio' | 'file';
import type { ReplyTokens } from './reply-tokens.ts';

type EventType = webhook.Event['type'];
type EventOf<T extends EventType> = Extract<webhook.Event, { type: T }>;

function isEventOf<T extends EventType>(event: webhook.Event, type: T): event is EventOf<T> {
  return event.type === type;
}

/**
 * Builds webhook events exactly as LINE sends them from a one-to-one chat, or from a group or room
 * (`opts.chat`: the source names the group and the member who wrote; the reply token and the transcript
 * are the group's), issuing the reply tokens the fake API will accept. Asking again for a webhookEventId already issued returns the
 * same event (same reply token, same message id), because that is what a LINE redelivery is.
 */
export class WebhookEvents {
  private readonly issued = new Map<string, webhook.Event>();
  private readonly messageId = createMessageIds();
  private readonly markAsReadTokens = new Set<string>();

  constructor(
    private readonly deps: { now: () => number; replyTokens: ReplyTokens; transcripts: ChatTranscripts; contents: MessageContents },
  ) {}

  follow(userId: string, opts: EventOptions & { isUnblocked?: boolean } = {}): webhook.FollowEvent {
    return this.once(opts, 'follow', (base) => ({
      ...base,
      type: 'follow',
      replyToken: this.deps.replyTokens.issue(userId),
      follow: { isUnblocked: opts.isUnblocked ?? false },
    }), userId);
  }

  unfollow(userId: string, opts: EventOptions = {}): webhook.UnfollowEvent {
    // LINE gives no reply token here: the user has just blocked the account.
    return this.once(opts, 'unfollow', (base) => ({ ...base, type: 'unfollow' }), userId);
  }

  text(userId: string, text: string, opts: EventOptions = {}): webhook.MessageEvent {
    return this.once(opts, 'message', (base) => {
      this.deps.transcripts.append(chatOf(userId, opts), 'user', null, { type: 'text', text });
      const message: webhook.TextMessageContent = {
        type: 'text', id: this.messageId(), text, quoteToken: opaqueToken(), markAsReadToken: this.markAsReadToken(),
      };
      return { ...base, type: 'message', ...this.replyTokenFor(chatOf(userId, opts), base.mode), message };
    }, userId);
  }

  sticker(userId: string, packageId: string, stickerId: string, opts: EventOptions = {}): webhook.MessageEvent {
    return this.once(opts, 'message', (base) => {
      this.deps.transcripts.append(chatOf(userId, opts), 'user', null, { type: 'sticker', packageId, stickerId });
      const message: webhook.StickerMessageContent = {
        type: 'sticker', id: this.messageId(), packageId, stickerId, stickerResourceType: 'STATIC',
        quoteToken: opaqueToken(), markAsReadToken: this.markAsReadToken(),
      };
      return { ...base, type: 'message', ...this.replyTokenFor(chatOf(userId, opts), base.mode), message };
    }, userId);
  }

  /**
   * An image, video, audio or file message whose content LINE holds (`contents` serves it to the data API
   * under the message's id). `fileName` for a file (LINE gives its name and size), `durationMs` for video and
   * audio.
   */
  media(userId: string, kind: MediaMessageKind, content: FakeContent, opts: EventOptions & { fileName?: string; durationMs?: number } = {}): webhook.MessageEvent {
    return this.once(opts, 'message', (base) => {
      const id = this.messageId();
      this.deps.contents.keep(id, content);
      const common = { id, markAsReadToken: this.markAsReadToken() };
      const provider: webhook.ContentProvider = { type: 'line' };
      const duration = opts.durationMs ?? 1_000;
      const message: webhook.MessageContent =
        kind === 'image' ? { ...common, type: 'image', contentProvider: provider, quoteToken: opaqueToken() }
        : kind === 'video' ? { ...common, type: 'video', contentProvider: provider, duration, quoteToken: opaqueToken() }
        : kind === 'audio' ? { ...common, type: 'audio', contentProvider: provider, duration }
        : { ...common, type: 'file', fileName: opts.fileName ?? 'file.bin', fileSize: content.data.length };
      this.deps.transcripts.append(chatOf(userId, opts), 'user', null, { type: kind, ...(kind === 'file' ? { fileName: opts.fileName ?? 'file.bin' } : {}) });
      return { ...base, type: 'message', ...this.replyTokenFor(chatOf(userId, opts), base.mode), message };
    }, userId);
  }

  location(userId: string, place: { title?: string; address?: string; latitude: number; longitude: number }, opts: EventOptions = {}): webhook.MessageEvent {
    return this.once(opts, 'message', (base) => {
      this.deps.transcripts.append(chatOf(userId, opts), 'user', null, { type: 'location', ...place });
      const message: webhook.LocationMessageContent = { type: 'location', id: this.messageId(), ...place, markAsReadToken: this.markAsReadToken() };
      return { ...base, type: 'message', ...this.replyTokenFor(chatOf(userId, opts), base.mode), message };
    }, userId);
  }

  /** The user unsent a message they sent (LINE gives no reply token). */
  unsend(userId: string, messageId: string, opts: EventOptions = {}): webhook.UnsendEvent {
    return this.once(opts, 'unsend', (base) => ({ ...base, type: 'unsend', unsend: { messageId } }), userId);
  }

  postback(userId: string, data: string, opts: EventOptions & { displayText?: string } = {}): webhook.PostbackEvent {
    return this.once(opts, 'postback', (base) => {
      // The phone shows displayText as the user's own bubble; the webhook itself does not carry it.
      if (opts.displayText) this.deps.transcripts.append(chatOf(userId, opts), 'user', null, { type: 'text', text: opts.displayText });
      return { ...base, type: 'postback', ...this.replyTokenFor(chatOf(userId, opts), base.mode), postback: { data } };
    }, userId);
  }

  /** The account was added to a group or room (LINE gives a reply token: the account may greet it). */
  join(chat: FakeChat, opts: EventOptions = {}): webhook.JoinEvent {
    return this.once({ ...opts, chat }, 'join', (base) => ({ ...base, type: 'join', replyToken: this.deps.replyTokens.issue(chatIdOf(chat)) }), null);
  }

  /** The account was removed from the group, or the room emptied (no reply token: nobody is left to read one). */
  leave(chat: FakeChat, opts: EventOptions = {}): webhook.LeaveEvent {
    return this.once({ ...opts, chat }, 'leave', (base) => ({ ...base, type: 'leave' }), null);
  }

  memberJoined(chat: FakeChat, userIds: string[], opts: EventOptions = {}): webhook.MemberJoinedEvent {
    const members = userIds.map((userId): webhook.UserSource => ({ type: 'user', userId }));
    return this.once({ ...opts, chat }, 'memberJoined', (base) => ({
      ...base, type: 'memberJoined', replyToken: this.deps.replyTokens.issue(chatIdOf(chat)), joined: { members },
    }), null);
  }

  memberLeft(chat: FakeChat, userIds: string[], opts: EventOptions = {}): webhook.MemberLeftEvent {
    const members = userIds.map((userId): webhook.UserSource => ({ type: 'user', userId }));
    return this.once({ ...opts, chat }, 'memberLeft', (base) => ({ ...base, type: 'memberLeft', left: { members } }), null);
  }

  /** whether this fake handed the token out, so its API can refuse made-up ones */
  isMarkAsReadToken(token: string): boolean {
    return this.markAsReadTokens.has(token);
  }

  private once<T extends EventType>(
    opts: EventOptions,
    type: T,
    build: (base: webhook.EventBase & { source: webhook.Source }) => EventOf<T>,
    userId: string | null,
  ): EventOf<T> {
    const known = opts.webhookEventId === undefined ? undefined : this.issued.get(opts.webhookEventId);
    if (known) {
      if (!isEventOf(known, type)) throw new Error(`webhookEventId ${opts.webhookEventId} was issued for a ${known.type} event`);
      return { ...known, deliveryContext: { isRedelivery: opts.isRedelivery ?? true } };
    }
    const timestamp = opts.timestamp ?? this.deps.now();
    const event = build({
      type,
      source: sourceOf(userId, opts.chat),
      timestamp,
      mode: opts.mode ?? 'active',
      webhookEventId: opts.webhookEventId ?? ulid(Math.max(0, Math.floor(timestamp))),
      deliveryContext: { isRedelivery: opts.isRedelivery ?? false },
    });
    this.issued.set(event.webhookEventId, event);
    return event;
  }

  private markAsReadToken(): string {
    const token = opaqueToken();
    this.markAsReadTokens.add(token);
    return token;
  }

  /** LINE omits the reply token when the channel is on standby: someone else answers. */
  private replyTokenFor(userId: string, mode: webhook.EventMode): { replyToken?: string } {
    return mode === 'active' ? { replyToken: this.deps.replyTokens.issue(userId) } : {};
  }
}

/** the chat a user's event belongs to: theirs alone, or the group's or room's */
function chatOf(userId: string, opts: EventOptions): string {
  return opts.chat ? chatIdOf(opts.chat) : userId;
}

function sourceOf(userId: string | null, chat: FakeChat | undefined): webhook.Source {
  if (chat?.type === 'group') return { type: 'group', groupId: chat.groupId, ...(userId ? { userId } : {}) };
  if (chat?.type === 'room') return { type: 'room', roomId: chat.roomId, ...(userId ? { userId } : {}) };
  return { type: 'user', userId: userId ?? '' };
}
