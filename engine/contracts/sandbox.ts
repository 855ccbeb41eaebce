/**
 * The sandbox LINE API, served under /sandbox/api only when no LINE credentials are configured.
 * The studio's customer simulator uses it to act as a LINE user.
 */

/** POST /sandbox/api/users/:userId/events — the engine builds a LINE webhook event, signs it
 * with the sandbox channel secret and posts it to its own /webhooks/line. */
export type SimulatedEventRequest =
  | { type: 'follow'; displayName?: string; language?: string }
  | { type: 'unfollow' }
  | { type: 'text'; text: string }
  | { type: 'postback'; data: string; displayText?: string }
  | { type: 'sticker'; packageId: string; stickerId: string };

export interface SimulatedEventResponse {
  webhookEventId: string;
  /** status the engine's webhook answered with */
  status: number;
}

/** One line of the simulated LINE chat, as the customer's phone would show it. */
export interface SandboxChatEntry {
  seq: number;
  at: number;
  /** 'user' for what the customer sent, 'account' for what the LINE account sent (reply or push) */
  from: 'user' | 'account';
  via: 'reply' | 'push' | null;
  /** a LINE message object (text, sticker, ...); quickReply included when the account sent one */
  message: { type: string; text?: string; quickReply?: { items: QuickReplyItem[] }; [key: string]: unknown };
}

export interface QuickReplyItem {
  type: 'action';
  action:
    | { type: 'message'; label: string; text: string }
    | { type: 'postback'; label: string; data: string; displayText?: string };
}

/** GET /sandbox/api/users/:userId/chat?after=SEQ — the chat since seq (exclusive) */
export interface SandboxChatResponse {
  entries: SandboxChatEntry[];
}
