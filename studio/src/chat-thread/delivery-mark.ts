import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { MessageDto } from '../../../engine/contracts/conversation.ts';

/**
 * How an outbound message left, in a word: "sending…", "✓ reply" (the free reply token), "✓ push"
 * (counted against the LINE quota), "May not have arrived" (a reply LINE never confirmed: it is not sent
 * again, so the customer is never told twice; say it again if it matters) or "Not delivered". Updated in
 * place by `message:updated`.
 */
export function renderDeliveryMark(m: MessageDto) {
  if (m.direction !== 'out') return nothing;
  const mark = (label: string, title: string, className = 'delivery') =>
    html`<span class=${className} title=${title} data-testid="delivery" data-delivery=${m.deliveryStatus} data-via=${m.sentVia ?? ''}
      >${label}</span
    >`;
  switch (m.deliveryStatus) {
    case 'pending':
      return mark(msg('sending…'), msg('Waiting to go out to LINE'));
    case 'failed':
      return mark(msg('Not delivered'), msg('LINE did not accept this message'), 'delivery failed');
    case 'uncertain':
      return mark(
        msg('May not have arrived'),
        msg('LINE did not confirm this reply in time. It is not sent again, so the customer never reads it twice: send it again if it matters.'),
        'delivery failed',
      );
    case 'sent':
      return m.sentVia === 'push'
        ? mark(msg('✓ push'), msg('Sent as a push message: counts toward the monthly LINE quota'))
        : m.sentVia === 'reply'
          ? mark(msg('✓ reply'), msg('Sent via the reply token: free'))
          : mark(msg('✓ sent'), msg('Sent to LINE'));
    default:
      return nothing;
  }
}
