/**
 * The tags an operator sets on a customer (the info panel's chips): each trimmed, 1 to MAX_TAG_LENGTH
 * characters, at most MAX_TAGS, duplicates dropped in the order given. Flows read them as `customer.tags`
 * (CEL) and the tag step changes them too, so they stay plain strings.
 */
import { badRequest } from '../../errors.ts';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 32;

/** The tags to store; a 400 naming the first problem otherwise. */
export function normalizeTags(tags: readonly string[]): string[] {
  const kept: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag === '') throw badRequest('invalid_tag', 'A tag cannot be empty');
    if ([...tag].length > MAX_TAG_LENGTH) throw badRequest('invalid_tag', `A tag has at most ${MAX_TAG_LENGTH} characters: "${tag.slice(0, MAX_TAG_LENGTH)}…" is longer`);
    if (!kept.includes(tag)) kept.push(tag);
  }
  if (kept.length > MAX_TAGS) throw badRequest('too_many_tags', `A customer has at most ${MAX_TAGS} tags (got ${kept.length})`);
  return kept;
}
