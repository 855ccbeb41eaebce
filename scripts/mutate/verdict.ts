/** What became of each mutant, and the score they add up to. */
import type { Mutant } from './mutant.ts';

export type Verdict =
  /** `output`: the end of the killing suite's output, to check it failed for the mutant's reason */
  | { mutant: Mutant; outcome: 'killed'; by: string; timedOut: boolean; ms: number; output: string }
  | { mutant: Mutant; outcome: 'survived'; ms: number }
  /** its text is no longer in the code: the list needs updating, the mutant says nothing */
  | { mutant: Mutant; outcome: 'stale'; reason: string }
  /** one of its suites already fails without it: a failure would prove nothing */
  | { mutant: Mutant; outcome: 'not-run'; reason: string };

export interface Score {
  killed: number;
  /** mutants that ran: killed + survived */
  ran: number;
  percent: number;
}

export function score(verdicts: readonly Verdict[]): Score {
  const killed = verdicts.filter((v) => v.outcome === 'killed').length;
  const ran = killed + verdicts.filter((v) => v.outcome === 'survived').length;
  return { killed, ran, percent: ran === 0 ? 0 : Math.floor((killed / ran) * 1000) / 10 };
}
