/**
 * What the auto-close sweep does with one open conversation: nothing, warn the customer, or close.
 * The clock starts at the operator's last message; a customer message after it stops the clock (the
 * ball is in the operator's court). A customer is never closed without the promised warning: if the
 * sweep ran late and missed the warning time, it warns now and closes `warnBeforeMinutes` later.
 *
 * @example
 * // inactivityMinutes 30, warnBeforeMinutes 5; operator wrote at 10:00, customer silent since
 * autoCloseStep({ lastCustomerAt: t('09:58'), lastOperatorAt: t('10:00'), warnedAt: null, now: t('10:26') }, policy) // 'warn'
 */
import type { AutoCloseDocument } from '../flow/flow-document.ts';

export interface ConversationSilence {
  lastCustomerAt: number | null;
  lastOperatorAt: number | null;
  /** when the warning went out, null if never */
  warnedAt: number | null;
  now: number;
}

export type AutoCloseAction = 'warn' | 'close';

export function autoCloseStep(
  silence: ConversationSilence,
  policy: Pick<AutoCloseDocument, 'inactivityMinutes' | 'warnBeforeMinutes'>,
): AutoCloseAction | null {
  const { lastCustomerAt, lastOperatorAt, warnedAt, now } = silence;
  if (lastOperatorAt === null) return null;
  if (lastCustomerAt !== null && lastCustomerAt > lastOperatorAt) return null;
  const closeAt = lastOperatorAt + policy.inactivityMinutes * 60_000;
  const warnBeforeMs = Math.max(0, policy.warnBeforeMinutes) * 60_000;
  if (warnBeforeMs === 0) return now >= closeAt ? 'close' : null;
  // a warning sent before the operator's last message belonged to an earlier silence
  const warned = warnedAt !== null && warnedAt >= lastOperatorAt;
  if (!warned) return now >= closeAt - warnBeforeMs ? 'warn' : null;
  return now >= Math.max(closeAt, warnedAt + warnBeforeMs) ? 'close' : null;
}
