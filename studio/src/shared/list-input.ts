/** Teams and skills are typed as "billing, vip": trimmed, without empty or repeated entries. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(',').map((item) => item.trim()).filter(Boolean))];
}

export const formatList = (items: readonly string[]): string => items.join(', ');
