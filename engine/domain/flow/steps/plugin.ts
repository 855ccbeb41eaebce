/** plugin: a step kind a plugin registered; the service runs it (side effects never happen in the runtime). */
import type { PluginStep } from '../flow-document.ts';
import type { RunContext } from '../runtime/run-context.ts';
import { NEXT, type StepOutcome } from '../runtime/step-outcome.ts';

export function executePlugin(plugin: PluginStep, ctx: RunContext): StepOutcome {
  ctx.actions.push({ type: 'plugin', use: plugin.use, with: { ...(plugin.with ?? {}) } });
  return NEXT;
}
