/**
 * Whether a customer writing after their conversation closed comes back to it (the handoff's
 * `reopenWithinMinutes`) rather than starting over with the bot. Pure: the chat service reads the facts.
 *
 * @example
 * // closed at 10:00 by the operator, reopenWithinMinutes 30
 * returnsToConversation({ closedAt: t('10:00'), closeReason: 'closed-by-operator', reopenWithinMs: 30 * 60_000 }, 'none', t('10:20')) // true
 * returnsToConversation({ closedAt: t('10:00'), closeReason: 'closed-by-operator', reopenWithinMs: 30 * 60_000 }, 'none', t('10:31')) // false
 */

/** Closes the customer chose or caused: coming back after them is a new start, not the same chat. */
const FINAL_REASONS: ReadonlySet<string> = new Set(['released-to-bot', 'customer-blocked']);

export interface ClosedConversationFacts {
  closedAt: number | null;
  closeReason: string | null;
  /** null: the handoff has no reopen window */
  reopenWithinMs: number | null;
}

/**
 * What the bot is waiting for from the customer, as far as this decision goes: `none`; `answer`, the
 * message answers the bot's open question (a survey score, a survey comment, an ask step), which the bot
 * takes; `other`, a survey score is awaited but the message is not one, so the customer has moved on.
 */
export type PendingQuestion = 'none' | 'answer' | 'other';

export function returnsToConversation(closed: ClosedConversationFacts, pending: PendingQuestion, now: number): boolean {
  if (closed.reopenWithinMs === null || closed.closedAt === null) return false;
  if (closed.closeReason !== null && FINAL_REASONS.has(closed.closeReason)) return false;
  if (pending === 'answer') return false;
  return now - closed.closedAt <= closed.reopenWithinMs;
}
