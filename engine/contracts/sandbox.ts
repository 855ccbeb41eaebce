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
  | { type: 'sticker'; packageId: string; stickerId: string }
  /** a small photo the sandbox's content API serves, or a sample place */
  | { type: 'image' }
  | { type: 'location' };

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

/**
 * GET /sandbox/api/hours — whether the business is open now by each BusinessHours calendar of the
 * active flows, so the simulator can say why a handoff got the after-hours answer.
 */
export interface SandboxHoursResponse {
  /** the engine's clock (epoch ms) */
  now: number;
  calendars: SandboxCalendarHours[];
}

export interface SandboxCalendarHours {
  id: string;
  /** IANA zone the calendar's times are read in */
  timezone: string;
  open: boolean;
  /** today's holiday in the calendar's zone, if it is one (named or not) */
  holiday: boolean;
  holidayName: string | null;
  /** epoch ms of the next opening; null while open, or when it does not open within a year */
  nextOpen: number | null;
  /** the next opening as the flows tell customers, in the calendar's zone ("Monday 09:00"); "" when null */
  nextOpenText: string;
}

/** A tappable area of a rich menu, as LINE holds it: bounds in the image's pixels and the action it sends. */
export interface SandboxRichMenuArea {
  bounds: { x: number; y: number; width: number; height: number };
  action: { type: 'postback'; data: string; displayText?: string; label?: string } | { type: 'message'; text: string; label?: string } | { type: 'uri'; uri: string; label?: string };
}

/** GET /sandbox/api/users/:userId/rich-menu — the rich menu the customer sees now, or null */
export interface SandboxRichMenuResponse {
  richMenu: {
    richMenuId: string;
    chatBarText: string;
    /** shown open when it arrives */
    selected: boolean;
    size: { width: number; height: number };
    areas: SandboxRichMenuArea[];
    /** false: the account's default menu (the bot's), not one linked to this customer */
    linked: boolean;
  } | null;
}

/** GET /sandbox/api/rich-menus/:richMenuId/image — the menu's image as a data: URL (the page's CSP allows data: images) */
export interface SandboxRichMenuImageResponse {
  dataUrl: string;
}
