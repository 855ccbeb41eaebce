import type { QuickReplyItem, SandboxChatEntry } from '../../contracts/sandbox.ts';
import { isRecord } from './fake-line-types.ts';

/** LINE's documented limits (Messaging API reference). */
export const LIMITS = { messagesPerRequest: 5, textLength: 5000, quickReplyItems: 13, postbackData: 300, imageUrlLength: 2000 };

export interface Problem {
  message: string;
  property: string;
}

export type ChatMessage = SandboxChatEntry['message'];

/**
 * Checks the `messages` of a reply or push the way LINE would, for the limits Baton can hit.
 * Message texts are LINE's where we know them. Lengths count UTF-16 code units, as LINE's
 * Java back end is assumed to.
 */
export function checkMessages(messages: unknown): { ok: true; messages: ChatMessage[] } | { ok: false; problems: Problem[] } {
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > LIMITS.messagesPerRequest) {
    return { ok: false, problems: [{ message: `Size must be between 1 and ${LIMITS.messagesPerRequest}`, property: 'messages' }] };
  }
  const problems: Problem[] = [];
  const accepted: ChatMessage[] = [];
  messages.forEach((message: unknown, index) => {
    const at = `messages[${index}]`;
    if (!isRecord(message) || typeof message.type !== 'string' || message.type === '') {
      problems.push({ message: 'May not be empty', property: `${at}.type` });
      return;
    }
    if (message.type === 'text' || message.type === 'textV2') {
      const text = message.text;
      if (typeof text !== 'string' || text.length === 0) problems.push({ message: 'May not be empty', property: `${at}.text` });
      else if (text.length > LIMITS.textLength) {
        problems.push({ message: `Length must be between 0 and ${LIMITS.textLength}`, property: `${at}.text` });
      }
    }
    if (message.type === 'image') problems.push(...checkImage(message, at));
    if (message.type === 'sticker') {
      for (const field of ['packageId', 'stickerId'] as const) {
        if (typeof message[field] !== 'string' || message[field] === '') problems.push({ message: 'May not be empty', property: `${at}.${field}` });
      }
    }
    problems.push(...checkQuickReply(message.quickReply, `${at}.quickReply`));
    accepted.push(toChatMessage(message, message.type));
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, messages: accepted };
}

/** LINE fetches both images itself: each must be an HTTPS URL of at most 2,000 characters. */
function checkImage(message: Record<string, unknown>, at: string): Problem[] {
  return (['originalContentUrl', 'previewImageUrl'] as const).flatMap((field) => {
    const url = message[field];
    if (typeof url !== 'string' || url === '') return [{ message: 'May not be empty', property: `${at}.${field}` }];
    if (url.length > LIMITS.imageUrlLength) return [{ message: `Length must be between 0 and ${LIMITS.imageUrlLength}`, property: `${at}.${field}` }];
    if (!/^https:\/\/[^\s]+$/.test(url)) return [{ message: 'Must be an HTTPS URL', property: `${at}.${field}` }];
    return [];
  });
}

function checkQuickReply(quickReply: unknown, at: string): Problem[] {
  if (quickReply === undefined) return [];
  const items = isRecord(quickReply) ? quickReply.items : undefined;
  if (!Array.isArray(items) || items.length < 1 || items.length > LIMITS.quickReplyItems) {
    return [{ message: `Size must be between 1 and ${LIMITS.quickReplyItems}`, property: `${at}.items` }];
  }
  const problems: Problem[] = [];
  items.forEach((item: unknown, index) => {
    const action = isRecord(item) ? item.action : undefined;
    if (!isRecord(action) || typeof action.type !== 'string') {
      problems.push({ message: 'May not be empty', property: `${at}.items[${index}].action` });
    } else if (typeof action.data === 'string' && action.data.length > LIMITS.postbackData) {
      problems.push({ message: `Length must be between 0 and ${LIMITS.postbackData}`, property: `${at}.items[${index}].action.data` });
    }
  });
  return problems;
}

/** The message as the phone shows it: everything LINE got, with text and quick replies typed. */
function toChatMessage(message: Record<string, unknown>, type: string): ChatMessage {
  const { text, quickReply, ...rest } = message;
  const chatMessage: ChatMessage = { ...rest, type };
  if (typeof text === 'string') chatMessage.text = text;
  const items = isRecord(quickReply) && Array.isArray(quickReply.items) ? quickReply.items.flatMap(toQuickReplyItem) : [];
  if (items.length > 0) chatMessage.quickReply = { items };
  return chatMessage;
}

/** Only message and postback buttons can be tapped in the simulator; other actions (uri, camera,
 * date picker) have no sandbox meaning and are left out. */
function toQuickReplyItem(item: unknown): QuickReplyItem[] {
  const action = isRecord(item) ? item.action : undefined;
  if (!isRecord(action) || typeof action.label !== 'string') return [];
  if (action.type === 'message' && typeof action.text === 'string') {
    return [{ type: 'action', action: { type: 'message', label: action.label, text: action.text } }];
  }
  if (action.type === 'postback' && typeof action.data === 'string') {
    const displayText = typeof action.displayText === 'string' ? { displayText: action.displayText } : {};
    return [{ type: 'action', action: { type: 'postback', label: action.label, data: action.data, ...displayText } }];
  }
  return [];
}
