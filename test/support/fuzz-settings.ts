/**
 * Seed and run counts for property tests. `npm test` runs them with a fixed seed and a small count
 * (a few seconds, the same cases every time); `npm run fuzz` sets BATON_FUZZ_SEED=random and a large
 * BATON_FUZZ_RUNS for long runs. A failure prints the seed, so any run can be replayed with
 * BATON_FUZZ_SEED=<seed>.
 */

const FIXED_SEED = 20261205;

function seedFromEnv(): number {
  const value = process.env.BATON_FUZZ_SEED;
  if (value === undefined || value === '') return FIXED_SEED;
  if (value === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new Error(`BATON_FUZZ_SEED must be an integer or "random", got ${value}`);
  return seed;
}

export const fuzzSeed = seedFromEnv();

/** `runs` under npm test; BATON_FUZZ_RUNS times `scale` under npm run fuzz (suites whose cases cost more ask for fewer) */
export function fuzzRuns(runs: number, scale = 1): number {
  const value = Number(process.env.BATON_FUZZ_RUNS ?? '');
  return Number.isInteger(value) && value > 0 ? Math.max(1, Math.round(value * scale)) : runs;
}

/** fast-check parameters: the fixed or chosen seed (fast-check names it in the error of a failing property) and the count */
export function fuzzParameters(runs: number, scale = 1): { seed: number; numRuns: number } {
  return { seed: fuzzSeed, numRuns: fuzzRuns(runs, scale) };
}
