import type { CannedResponseDto } from '../../../engine/contracts/rest.ts';

/** A `/word` being typed: where it starts and ends in the text, and what follows the slash. */
export interface SlashToken {
  start: number;
  end: number;
  query: string;
}

/**
 * The `/word` the caret is in, if any. It starts at a slash at the beginning of the text or after
 * whitespace, so `1/2` and `https://` are left alone; it runs to the end of the word, past the caret.
 */
export function slashTokenAt(text: string, caret: number): SlashToken | null {
  const match = /(?:^|\s)(\/[^\s/]*)$/u.exec(text.slice(0, caret));
  const typed = match?.[1];
  if (typed === undefined) return null;
  const rest = /^[^\s/]*/u.exec(text.slice(caret))?.[0] ?? '';
  return { start: caret - typed.length, end: caret + rest.length, query: typed.slice(1) };
}

/** Canned responses matching a query: shortcut prefix first, then shortcut, title and tag substrings. */
export function filterCanned(responses: readonly CannedResponseDto[], query: string): CannedResponseDto[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return [...responses];
  const rank = (r: CannedResponseDto): number => {
    const shortcut = (r.shortcut ?? '').replace(/^\//, '').toLocaleLowerCase();
    if (shortcut.startsWith(q)) return 0;
    if (shortcut.includes(q)) return 1;
    if (r.title.toLocaleLowerCase().includes(q)) return 2;
    if (r.tags.some((tag) => tag.toLocaleLowerCase().includes(q))) return 3;
    return -1;
  };
  return responses
    .map((response, index) => ({ response, index, rank: rank(response) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.response);
}
