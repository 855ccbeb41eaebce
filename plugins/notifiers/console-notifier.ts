/**
 * The default notifier: a structured log line per notification, so nothing is silent without setup.
 * Ids only: the notification's text names the customer, and a flow's details may carry what the
 * customer wrote; logs are kept and shipped where customers' words must not go.
 */
import type { Logger } from 'pino';
import type { Notifier } from '../plugin-api.ts';

export function consoleNotifier(logger: Logger): Notifier {
  return {
    id: 'console',
    async notify(notification) {
      logger.info({ type: notification.type, conversationId: notification.conversationId, customerId: notification.customer.id }, 'notification');
    },
  };
}
