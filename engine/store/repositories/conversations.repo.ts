import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { ConversationStatus } from '../../contracts/conversation.ts';

export interface ConversationRow {
  id: string;
  customer_id: string;
  status: ConversationStatus;
  team: string | null;
  skills: string;
  priority: number;
  operator_id: string | null;
  flow_version: number | null;
  on_close_step: string | null;
  created_at: number;
  claimed_at: number | null;
  first_response_at: number | null;
  closed_at: number | null;
  close_reason: string | null;
  csat: number | null;
  updated_at: number;
}

export interface ConversationListQuery {
  status?: ConversationStatus;
  /** case-insensitive match on the customer's name or any message text */
  search?: string;
  limit: number;
}

export class ConversationsRepo {
  constructor(private readonly db: Knex) {}

  findById(id: string): Promise<ConversationRow | undefined> {
    return this.db<ConversationRow>('conversations').where({ id }).first();
  }

  /** The customer's WAITING or ACTIVE conversation, if any (at most one is open at a time). */
  findOpenByCustomer(customerId: string): Promise<ConversationRow | undefined> {
    return this.db<ConversationRow>('conversations')
      .where({ customer_id: customerId })
      .whereIn('status', ['WAITING', 'ACTIVE'])
      .orderBy('created_at', 'desc')
      .first();
  }

  async create(input: { customerId: string; flowVersion: number | null; onCloseStep: string | null; now: number }): Promise<ConversationRow> {
    const row: ConversationRow = {
      id: randomUUID(),
      customer_id: input.customerId,
      status: 'WAITING',
      team: null,
      skills: '[]',
      priority: 0,
      operator_id: null,
      flow_version: input.flowVersion,
      on_close_step: input.onCloseStep,
      created_at: input.now,
      claimed_at: null,
      first_response_at: null,
      closed_at: null,
      close_reason: null,
      csat: null,
      updated_at: input.now,
    };
    await this.db('conversations').insert(row);
    return row;
  }

  /** Claims a WAITING conversation; false when someone else got it first. */
  async claim(id: string, operatorId: string, now: number): Promise<boolean> {
    const changed = await this.db('conversations')
      .where({ id, status: 'WAITING' })
      .update({ status: 'ACTIVE', operator_id: operatorId, claimed_at: now, updated_at: now });
    return changed === 1;
  }

  async markFirstResponse(id: string, now: number): Promise<void> {
    await this.db('conversations').where({ id }).whereNull('first_response_at').update({ first_response_at: now });
  }

  async touch(id: string, now: number): Promise<void> {
    await this.db('conversations').where({ id }).update({ updated_at: now });
  }

  async assign(id: string, operatorId: string | null, now: number): Promise<void> {
    await this.db('conversations')
      .where({ id })
      .update(
        operatorId === null
          ? { status: 'WAITING', operator_id: null, updated_at: now }
          : { status: 'ACTIVE', operator_id: operatorId, claimed_at: now, updated_at: now },
      );
  }

  /** Closes an open conversation; false when it was already closed. */
  async close(id: string, reason: string, now: number): Promise<boolean> {
    const changed = await this.db('conversations')
      .where({ id })
      .whereIn('status', ['WAITING', 'ACTIVE'])
      .update({ status: 'CLOSED', closed_at: now, close_reason: reason, updated_at: now });
    return changed === 1;
  }

  list(query: ConversationListQuery): Promise<ConversationRow[]> {
    const q = this.db<ConversationRow>('conversations').select('conversations.*').limit(query.limit);
    if (query.status) q.where('conversations.status', query.status);
    if (query.search) {
      const pattern = `%${query.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      q.join('customers', 'customers.id', 'conversations.customer_id').where((w) => {
        w.whereRaw(`lower(customers.display_name) like ? escape '\\'`, [pattern]).orWhereExists(
          this.db('messages')
            .select(this.db.raw('1'))
            .whereRaw('messages.conversation_id = conversations.id')
            .whereRaw(`lower(messages.text) like ? escape '\\'`, [pattern]),
        );
      });
    }
    // the queue is served oldest first; everything else newest first
    q.orderBy('conversations.created_at', query.status === 'WAITING' ? 'asc' : 'desc');
    return q;
  }
}
