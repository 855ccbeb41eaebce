/**
 * Signed LINE webhook bodies as LINE sends them: one-to-one text message events with reply, quote
 * and mark-as-read tokens, a fresh webhookEventId (ULID) each, so no event is a duplicate.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ulid } from '../../engine/domain/ids/ulid.ts';

export interface SignedBody {
  body: string;
  signature: string;
}

let messageId = 560_000_000_000_000_000n;

export function textEvent(userId: string, text: string, timestamp = Date.now()): Record<string, unknown> {
  messageId += 1n;
  return {
    type: 'message',
    message: {
      type: 'text',
      id: messageId.toString(),
      quoteToken: randomBytes(24).toString('base64url'),
      markAsReadToken: randomBytes(24).toString('base64url'),
      text,
    },
    webhookEventId: ulid(timestamp),
    deliveryContext: { isRedelivery: false },
    timestamp,
    source: { type: 'user', userId },
    replyToken: randomBytes(16).toString('hex'),
    mode: 'active',
  };
}

/** a customer adding the account as a friend (or unblocking it): carries a reply token */
export function followEvent(userId: string, timestamp = Date.now()): Record<string, unknown> {
  return {
    type: 'follow',
    follow: { isUnblocked: false },
    webhookEventId: ulid(timestamp),
    deliveryContext: { isRedelivery: false },
    timestamp,
    source: { type: 'user', userId },
    replyToken: randomBytes(16).toString('hex'),
    mode: 'active',
  };
}

/** a tap on a button or rich menu area that sends `data` back: carries a reply token */
export function postbackEvent(userId: string, data: string, timestamp = Date.now()): Record<string, unknown> {
  return {
    type: 'postback',
    postback: { data },
    webhookEventId: ulid(timestamp),
    deliveryContext: { isRedelivery: false },
    timestamp,
    source: { type: 'user', userId },
    replyToken: randomBytes(16).toString('hex'),
    mode: 'active',
  };
}

export class LineBodies {
  constructor(
    private readonly channelSecret: string,
    private readonly destination: string,
  ) {}

  sign(body: string): string {
    return createHmac('sha256', this.channelSecret).update(body).digest('base64');
  }

  /** one body carrying these events, as built by textEvent, followEvent or postbackEvent */
  events(events: Record<string, unknown>[]): SignedBody {
    const body = JSON.stringify({ destination: this.destination, events });
    return { body, signature: this.sign(body) };
  }

  /** one body carrying one text event per (userId, text) pair */
  texts(messages: { userId: string; text: string }[]): SignedBody {
    const now = Date.now();
    const body = JSON.stringify({ destination: this.destination, events: messages.map((m) => textEvent(m.userId, m.text, now)) });
    return { body, signature: this.sign(body) };
  }
}

/** what customers typically write to a support account */
export const TYPICAL_TEXTS = [
  'Hi, my order #48213 has not arrived yet, can you check?',
  'สวัสดีค่ะ สั่งของไปเมื่อวาน ยังไม่ได้รับเลยค่ะ',
  'Do you deliver to Chiang Mai on weekends?',
  'I was charged twice for the same order',
  'ขอเปลี่ยนที่อยู่จัดส่งได้ไหมครับ',
];
