/** The names every condition and template sees, built the same way inside and outside a flow run. */
import { DEFAULT_CHANNEL_ID } from '../../../contracts/channels.ts';
import type { CelScope } from './cel.ts';
import type { CustomerFacts, FlowEvent } from '../flow-event.ts';

export interface ScopeFacts {
  /** the tags as they stand now (a tag step earlier in the run may have changed them) */
  tags: string[];
  withHuman: boolean;
  event: FlowEvent | null;
  hours: CelScope['hours'];
}

export const closedHours: Readonly<CelScope['hours']> = Object.freeze({ open: false, holiday: false, nextOpen: '' });

export function baseScope(customer: CustomerFacts, facts: ScopeFacts): Omit<CelScope, 'vars' | 'answer'> {
  const { event } = facts;
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      language: customer.language ?? '',
      tags: facts.tags,
      mode: facts.withHuman ? 'HUMAN' : 'BOT',
      following: customer.following,
    },
    message: event?.kind === 'message' ? { text: event.text ?? '', type: event.messageType } : { text: '', type: '' },
    postback: { data: event?.kind === 'postback' ? event.data : '' },
    hours: { ...facts.hours },
    channel: { id: customer.channelId ?? DEFAULT_CHANNEL_ID },
  };
}
