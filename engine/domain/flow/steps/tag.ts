/** tag: adds and removes customer tags; later conditions in the same run already see the change. */
import type { TagStep } from '../flow-document.ts';
import type { RunContext } from '../runtime/run-context.ts';
import { NEXT, type StepOutcome } from '../runtime/step-outcome.ts';

export function executeTag(tag: TagStep, ctx: RunContext): StepOutcome {
  const add = tag.add ?? [];
  const remove = tag.remove ?? [];
  if (add.length === 0 && remove.length === 0) return NEXT;
  const tags = new Set(ctx.tags);
  for (const name of remove) tags.delete(name);
  for (const name of add) tags.add(name);
  ctx.tags = [...tags];
  ctx.actions.push({ type: 'tag', add: [...add], remove: [...remove] });
  return NEXT;
}
