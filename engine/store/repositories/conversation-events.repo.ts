import type { Knex } from 'knex';

/** What happened to a handoff, appended in the transaction that made it happen (docs/metrics.md). */
export const ConversationEventKind = {
  QUEUED: 'queued',
  CLAIMED: 'claimed',
  /** given to another operator */
  TRANSFERRED: 'transferred',
  /** back to the waiting queue */
  RETURNED: 'returned',
  CLOSED: 'closed',
  /** closed, then open again: by an operator (operator_id: who has it now) or the customer writing within the handoff's window (operator_id: who got it, null for the queue) */
  REOPENED: 'reopened',
  SURVEY_SENT: 'survey_sent',
} as const;
export type ConversationEventKind = (typeof ConversationEventKind)[keyof typeof ConversationEventKind];

export interface ConversationEventRow {
  id: number;
  conversation_id: string;
  kind: ConversationEventKind;
  /** claimed, transferred, reopened: who has it now; returned, closed, survey_sent: who had it */
  operator_id: string | null;
  /** transferred: who had it before */
  from_operator_id: string | null;
  team: string | null;
  at: number;
}

export type NewConversationEvent = Omit<ConversationEventRow, 'id' | 'from_operator_id'> & { from_operator_id?: string | null };

export class ConversationEventsRepo {
  constructor(private readonly db: Knex) {}

  async record(event: NewConversationEvent): Promise<void> {
    await this.db('conversation_events').insert({ from_operator_id: null, ...event });
  }

  listOf(conversationId: string): Promise<ConversationEventRow[]> {
    return this.db<ConversationEventRow>('conversation_events').where({ conversation_id: conversationId }).orderBy('id');
  }
}
