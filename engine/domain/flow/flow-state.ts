/** What the runtime remembers about one customer between events (stored by the chat service as JSON). */
export type FlowVarValue = string | number | boolean | string[];

export type Awaiting =
  /** an ask step waits for the answer */
  | { kind: 'ask'; stepId: string; triesLeft: number }
  /** a survey waits for the 1..5 tap, then (optionally) the comment */
  | { kind: 'survey'; surveyId: string; stage: 'score' | 'comment'; score: number | null; expiresAt: number };

export interface FlowState {
  vars: Record<string, FlowVarValue>;
  awaiting: Awaiting | null;
  /** a wait step's continuation: run `stepId` at `at` */
  resume: { at: number; stepId: string } | null;
}

export const emptyFlowState = (): FlowState => ({ vars: {}, awaiting: null, resume: null });
