/**
 * The working memory of one runtime call: what the steps have decided so far and what they can see.
 * Steps mutate it; runFlowEvent turns it into a FlowResult at the end.
 */
import type { FlowAction } from '../flow-action.ts';
import type { Step } from '../flow-document.ts';
import type { FlowInput } from '../flow-event.ts';
import type { FlowSet } from '../flow-set.ts';
import type { Awaiting, FlowState, FlowVarValue } from '../flow-state.ts';
import type { CelScope } from '../expression/cel.ts';
import { baseScope, closedHours } from '../expression/base-scope.ts';
import type { HoursScope } from '../../calendar/hours-scope.ts';
import { renderTemplate } from '../expression/template.ts';
import { celVars } from './flow-vars.ts';
import type { FlowTrace } from './flow-trace.ts';

export interface RunContext {
  readonly set: FlowSet;
  readonly input: FlowInput;
  readonly steps: ReadonlyMap<string, Step>;
  readonly actions: FlowAction[];
  vars: Record<string, FlowVarValue>;
  /** the customer's tags, with this run's tag steps applied so later conditions see them */
  tags: string[];
  withHuman: boolean;
  /**
   * The last hours step's answer in this run. Before any hours step runs it says closed with no
   * next opening: conditions on hours belong after an hours step.
   */
  hours: HoursScope;
  awaiting: Awaiting | null;
  resume: FlowState['resume'];
  /** the studio simulator's dry run records what happened here; null in the live engine */
  readonly trace: FlowTrace | null;
}

const stepIndex = new WeakMap<FlowSet, ReadonlyMap<string, Step>>();

function stepsOf(set: FlowSet): ReadonlyMap<string, Step> {
  let index = stepIndex.get(set);
  if (!index) {
    index = new Map(set.entry.steps.map((step) => [step.id, step]));
    stepIndex.set(set, index);
  }
  return index;
}

export function createRunContext(set: FlowSet, state: FlowState, input: FlowInput, trace: FlowTrace | null = null): RunContext {
  return {
    set,
    input,
    steps: stepsOf(set),
    actions: [],
    vars: { ...state.vars },
    tags: [...input.customer.tags],
    withHuman: input.customer.withHuman,
    hours: closedHours,
    awaiting: state.awaiting,
    resume: state.resume,
    trace,
  };
}

export function stepById(ctx: RunContext, id: string): Step {
  const step = ctx.steps.get(id);
  // the validator resolves every step reference, so this is a bug or a hand-built FlowSet
  if (!step) throw new Error(`flow ${ctx.set.entry.id}: no step "${id}"`);
  return step;
}

function scopeParts(ctx: RunContext) {
  return baseScope(ctx.input.customer, { tags: ctx.tags, withHuman: ctx.withHuman, event: ctx.input.event, hours: ctx.hours });
}

/** The scope of CEL conditions; `answer` is set by ask steps. */
export function celScope(ctx: RunContext, answer = ''): CelScope {
  return { ...scopeParts(ctx), vars: celVars(ctx.vars), answer };
}

/** Renders a Liquid template with the CEL scope's names (plus `extra`, e.g. queue). */
export function render(ctx: RunContext, template: string, extra: Record<string, unknown> = {}): string {
  return renderTemplate(template, { ...scopeParts(ctx), vars: ctx.vars, ...extra });
}
