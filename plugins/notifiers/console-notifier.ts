/** The default notifier: a structured log line per notification, so nothing is silent without setup. */
import type { Logger } from 'pino';
import type { Notifier } from '../plugin-api.ts';

export function consoleNotifier(logger: Logger): Notifier {
  return {
    id: 'console',
    async notify(notification) {
      logger.info({ type: notification.type, conversationId: notification.conversationId, details: notification.details }, notification.text);
    },
  };
}
