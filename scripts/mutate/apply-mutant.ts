/** Puts one mutant into the workspace and takes it out again. */
import fs from 'node:fs';
import path from 'node:path';
import type { Mutant } from './mutant.ts';

export type Applied = { restore(): void } | { stale: string };

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) count++;
  return count;
}

/**
 * Replaces the mutant's text in its file. A mutant whose text is gone or ambiguous is stale (the
 * code moved on): it is reported, never applied somewhere it was not meant to go.
 */
export function applyMutant(dir: string, mutant: Mutant): Applied {
  const problem = staleness(dir, mutant);
  if (problem) return { stale: problem };
  const file = path.join(dir, mutant.file);
  const original = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, original.replace(mutant.find, () => mutant.replace));
  return { restore: () => fs.writeFileSync(file, original) };
}

/** Why the mutant cannot be applied in `dir` (read only), or null when it can. */
export function staleness(dir: string, mutant: Mutant): string | null {
  const file = path.join(dir, mutant.file);
  if (!fs.existsSync(file)) return `${mutant.file} does not exist`;
  const count = occurrences(fs.readFileSync(file, 'utf8'), mutant.find);
  if (count !== 1) return `the text to replace occurs ${count} times in ${mutant.file}`;
  if (mutant.find === mutant.replace) return 'the replacement changes nothing';
  const missing = mutant.suites.filter((suite) => !fs.existsSync(path.join(dir, suite)));
  return missing.length > 0 ? `no such suite: ${missing.join(', ')}` : null;
}
