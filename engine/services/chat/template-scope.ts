/**
 * The template scope for texts the engine renders outside a flow run (queue position, auto-close
 * warnings, plugin steps): the same names a flow's templates see, with empty message and hours.
 */
import type { CelScope } from '../../domain/flow/expression/cel.ts';
import type { CustomerFacts } from '../../domain/flow/flow-event.ts';

export function templateScope(customer: CustomerFacts, vars: Record<string, unknown> = {}): CelScope {
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      language: customer.language ?? '',
      tags: customer.tags,
      mode: customer.withHuman ? 'HUMAN' : 'BOT',
      following: customer.following,
    },
    message: { text: '', type: '' },
    postback: { data: '' },
    vars,
    hours: { open: false, holiday: false, nextOpen: '' },
    answer: '',
  };
}
