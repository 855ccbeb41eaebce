/**
 * Built-in plugin step `notify`: tells every notifier, e.g. to page a supervisor when a VIP asks for help.
 *
 * @example
 * - id: page-supervisor
 *   plugin: { use: notify, with: { text: "VIP {{ customer.name }} is waiting" } }
 *   next: to-human
 */
import type { StepKind } from '../plugin-api.ts';

export const notifyStep: StepKind = {
  kind: 'notify',
  schema: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: { text: { type: 'string', minLength: 1, maxLength: 1000, description: 'Liquid template of the notification text.' } },
  },
  async run(settings, context) {
    const text = typeof settings.text === 'string' ? settings.text : '';
    await context.notify({ type: 'flow-step', text: context.render(text) });
  },
};
