/**
 * Telegram notifier: sends each notification to a chat with the Bot API's sendMessage.
 * `apiBaseUrl` points at https://api.telegram.org, or at a fake in tests. The bot token is part of the
 * URL path, so it is never logged (errors carry only the status).
 */
import type { Notifier } from '../plugin-api.ts';
import { postJson } from './http-post.ts';

export interface TelegramOptions {
  botToken: string;
  chatId: string;
  apiBaseUrl?: string;
  timeoutMs?: number;
}

export function telegramNotifier(options: TelegramOptions): Notifier {
  const base = (options.apiBaseUrl ?? 'https://api.telegram.org').replace(/\/+$/, '');
  return {
    id: 'telegram',
    async notify(notification) {
      await postJson(
        `${base}/bot${options.botToken}/sendMessage`,
        { chat_id: options.chatId, text: notification.text, disable_web_page_preview: true },
        {},
        options.timeoutMs ?? 5000,
      );
    },
  };
}
