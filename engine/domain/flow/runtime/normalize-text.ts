/**
 * Text compared by keyword triggers: NFKC folds full-width and compatibility forms (ＡＧＥＮＴ -> AGENT),
 * then lower-casing folds case. Thai has no case and passes through unchanged.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en-US').trim();
}
