/** "90s", "10m", "2h", "1d" (or a sum: "1h30m") as milliseconds; the `after` of a flow test input. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;

export function parseDuration(text: string): number {
  const source = text.replace(/\s+/g, '');
  let total = 0;
  let end = 0;
  PART.lastIndex = 0;
  for (let part = PART.exec(source); part; part = PART.exec(source)) {
    total += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? 0);
    end = PART.lastIndex;
  }
  if (source === '' || end !== source.length) throw new Error(`"${text}" is not a duration (e.g. 30s, 10m, 2h, 1d)`);
  return total;
}
