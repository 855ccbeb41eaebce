/** Runs one step by its type key (the schema allows exactly one per step). */
import type { Step } from '../flow-document.ts';
import type { RunContext } from '../runtime/run-context.ts';
import { goto, NEXT, type StepOutcome } from '../runtime/step-outcome.ts';
import { executeAsk } from './ask.ts';
import { executeBranch } from './branch.ts';
import { executeEnd } from './end.ts';
import { executeHandoff } from './handoff.ts';
import { executeHours } from './hours.ts';
import { executePlugin } from './plugin.ts';
import { executeSay } from './say.ts';
import { executeSet } from './set.ts';
import { executeSurvey } from './survey.ts';
import { executeTag } from './tag.ts';
import { executeWait } from './wait.ts';

export function executeStep(step: Step, ctx: RunContext): StepOutcome {
  if (step.say) return executeSay(step.say, ctx);
  if (step.ask) return executeAsk({ ...step, ask: step.ask }, ctx);
  if (step.branch) return executeBranch(step.branch, ctx);
  if (step.set) return executeSet(step.set, ctx);
  if (step.tag) return executeTag(step.tag, ctx);
  if (step.hours) return executeHours(step.hours, ctx);
  if (step.handoff) return executeHandoff(step.handoff, ctx);
  if (step.survey) return executeSurvey({ ...step, survey: step.survey }, ctx);
  if (step.wait) return executeWait({ ...step, wait: step.wait }, ctx);
  // goto is all routing, nothing to execute
  if (step.goto !== undefined) return goto(step.goto);
  if (step.end !== undefined) return executeEnd(step.end, ctx);
  if (step.plugin) return executePlugin(step.plugin, ctx);
  // a step with only `next` is a pure routing point
  return NEXT;
}
