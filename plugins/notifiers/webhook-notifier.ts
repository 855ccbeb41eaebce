/**
 * Generic webhook notifier: POSTs the notification as JSON. With a secret, the body is signed like
 * LINE signs its webhooks (`x-baton-signature`: base64 HMAC-SHA256 of the raw body) so the receiver can
 * trust it.
 */
import { createHmac } from 'node:crypto';
import type { Notifier } from '../plugin-api.ts';
import { postJson } from './http-post.ts';

export interface WebhookNotifierOptions {
  url: string;
  secret?: string;
  timeoutMs?: number;
}

export function webhookNotifier(options: WebhookNotifierOptions): Notifier {
  return {
    id: 'webhook',
    async notify(notification) {
      const body = JSON.stringify(notification);
      const headers: Record<string, string> = {};
      if (options.secret) headers['x-baton-signature'] = createHmac('sha256', options.secret).update(body).digest('base64');
      await postJson(options.url, body, headers, options.timeoutMs ?? 5000);
    },
  };
}
