/**
 * The template scope for texts the engine renders outside a flow run (queue position, auto-close
 * warnings, plugin steps, canned responses): a flow's names, with no current message and hours closed
 * unless the caller knows better.
 */
import { baseScope, closedHours } from '../../domain/flow/expression/base-scope.ts';
import type { CelScope } from '../../domain/flow/expression/cel.ts';
import type { CustomerFacts } from '../../domain/flow/flow-event.ts';

export function templateScope(customer: CustomerFacts, vars: Record<string, unknown> = {}): CelScope {
  return { ...baseScope(customer, { tags: customer.tags, withHuman: customer.withHuman, event: null, hours: closedHours }), vars, answer: '' };
}
