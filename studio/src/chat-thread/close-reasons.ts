import { msg } from '@lit/localize';
import { humanizeReason } from '../shared/format.ts';

/**
 * The reasons the close form offers. Stored as the close reason in English as written (free text is allowed
 * too), whatever language the operator reads, so reports and exports count one "Resolved" rather than one per
 * language; the studio shows them in its language (closeReasonLabel).
 */
export const CLOSE_REASONS: readonly string[] = ['Resolved', 'Customer stopped answering', 'Duplicate conversation', 'Not a support request', 'Spam'];

/** the offered reasons and the engine's own codes, in the studio's words (asked at each render) */
function knownReasons(): Readonly<Record<string, string>> {
  return {
    Resolved: msg('Resolved', { desc: 'a reason to close a conversation' }),
    'Customer stopped answering': msg('Customer stopped answering'),
    'Duplicate conversation': msg('Duplicate conversation'),
    'Not a support request': msg('Not a support request'),
    Spam: msg('Spam'),
    'closed-by-operator': msg('closed by the operator'),
    inactive: msg('closed for inactivity'),
    'released-to-bot': msg('handed back to the bot'),
    'customer-blocked': msg('the customer blocked the account'),
    'account-left-group': msg('the account was removed from the group'),
  };
}

/**
 * A stored close reason as the studio shows it: an offered reason or an engine code in the studio's language
 * (an offered one keeps the operator's details after it: "Resolved: refund sent"), anything else as written.
 */
export function closeReasonLabel(reason: string): string {
  const known = knownReasons();
  const exact = known[reason];
  if (exact !== undefined) return exact;
  const colon = reason.indexOf(': ');
  const chosen = colon === -1 ? undefined : known[reason.slice(0, colon)];
  if (chosen !== undefined && CLOSE_REASONS.includes(reason.slice(0, colon))) return `${chosen}: ${reason.slice(colon + 2)}`;
  return humanizeReason(reason);
}

/** the reason to send: the chosen one, with the operator's words after it; undefined for the default */
export function closeReason(chosen: string, details: string): string | undefined {
  const words = details.trim();
  if (!chosen && !words) return undefined;
  return (chosen && words ? `${chosen}: ${words}` : chosen || words).slice(0, 200);
}
