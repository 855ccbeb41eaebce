/** What a step tells the runtime loop to do next. */
export type StepOutcome =
  /** follow the step's `next` */
  | { kind: 'next' }
  /** jump to this step (hours shorthands, goto, branch) */
  | { kind: 'goto'; stepId: string }
  /** the run ends here: it waits for the customer, a human or the clock, or the flow is done */
  | { kind: 'stop' };

export const NEXT: StepOutcome = { kind: 'next' };
export const STOP: StepOutcome = { kind: 'stop' };
export const goto = (stepId: string): StepOutcome => ({ kind: 'goto', stepId });
