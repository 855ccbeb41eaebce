/**
 * The reasons the close form offers. Stored as the close reason as written (free text is allowed too), shown
 * in the thread header and the customer's history.
 */
export const CLOSE_REASONS: readonly string[] = ['Resolved', 'Customer stopped answering', 'Duplicate conversation', 'Not a support request', 'Spam'];

/** the reason to send: the chosen one, with the operator's words after it; undefined for the default */
export function closeReason(chosen: string, details: string): string | undefined {
  const words = details.trim();
  if (!chosen && !words) return undefined;
  return (chosen && words ? `${chosen}: ${words}` : chosen || words).slice(0, 200);
}
