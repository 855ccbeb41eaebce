import type { Knex } from 'knex';
import type { ConversationStatus } from '../../contracts/conversation.ts';
import { ulid } from '../../domain/ids/ulid.ts';
import { rawRows } from '../raw-rows.ts';

export interface ConversationRow {
  id: string;
  customer_id: string;
  /** the customer's LINE channel (migration 018) */
  channel_id: string;
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
  csat_comment: string | null;
  updated_at: number;
  queue_id: string | null;
  routing_id: string | null;
  strategy: 'round-robin' | 'least-busy' | null;
  announced_position: number | null;
  announced_at: number | null;
  last_customer_at: number | null;
  last_operator_at: number | null;
  inactivity_warned_at: number | null;
  max_wait_handled: boolean | number;
  /** the operator holding it got it from auto-assignment (not a claim or a transfer); SQLite answers 0/1 */
  assigned_automatically: boolean | number;
  /** the handoff's reopenWithinMinutes: a customer writing this soon after the close comes back to it (migration 013) */
  reopen_within_ms: number | null;
}

/** Where a handoff sends the customer: decided by the flow's routing rules and queue. */
export interface ConversationRouting {
  queueId: string | null;
  routingId: string | null;
  team: string | null;
  skills: string[];
  priority: number;
  strategy: 'round-robin' | 'least-busy';
}

/** Who has a reopened conversation: an operator (ACTIVE), or nobody yet (WAITING in its queue again). */
export interface Reopening {
  operatorId: string | null;
  /** the customer wrote again (their message restarts the silence clock) rather than an operator reopening it */
  byCustomer: boolean;
  now: number;
}

export interface ConversationListQuery {
  status?: ConversationStatus;
  /** case-insensitive match on the customer's name or any message text */
  search?: string;
  /** only conversations this operator may see: nobody's yet, or theirs */
  visibleTo?: string;
  /** held by this operator; null: held by nobody (the queue, and chats closed from it) */
  assignee?: string | null;
  /** routed to this team */
  team?: string;
  /** the customer carries this tag (case-insensitive, the whole tag) */
  tag?: string;
  /** in one of these LINE channels */
  channels?: readonly string[];
  limit: number;
}

export class ConversationsRepo {
  constructor(private readonly db: Knex) {}

  findById(id: string): Promise<ConversationRow | undefined> {
    return this.db<ConversationRow>('conversations').where({ id }).first();
  }

  findByIds(ids: readonly string[]): Promise<ConversationRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db<ConversationRow>('conversations').whereIn('id', [...new Set(ids)]);
  }

  /** The customer's WAITING or ACTIVE conversation, if any (at most one is open at a time). */
  findOpenByCustomer(customerId: string): Promise<ConversationRow | undefined> {
    return this.db<ConversationRow>('conversations')
      .where({ customer_id: customerId })
      .whereIn('status', ['WAITING', 'ACTIVE'])
      .orderBy('created_at', 'desc')
      .first();
  }

  /** The open conversation of each of these customers that has one. */
  async findOpenByCustomers(customerIds: readonly string[]): Promise<Map<string, ConversationRow>> {
    if (customerIds.length === 0) return new Map();
    const unique = [...new Set(customerIds)];
    // written as SQL: read twice for every batch of events (raw-rows.ts)
    const rows = await rawRows<ConversationRow>(
      this.db,
      `select * from conversations where customer_id in (${unique.map(() => '?').join(', ')}) and status in ('WAITING', 'ACTIVE') order by created_at asc`,
      unique,
    );
    // ascending, so the newest wins as findOpenByCustomer's does
    return new Map(rows.map((row) => [row.customer_id, row]));
  }

  /** `channelId`: the customer's (default: the default channel) */
  async create(input: { customerId: string; channelId?: string; flowVersion: number | null; onCloseStep: string | null; routing?: ConversationRouting | null; reopenWithinMs?: number | null; now: number }): Promise<ConversationRow> {
    const routing = input.routing;
    const row: ConversationRow = {
      // sortable: conversations created in the same millisecond (one batch of events) keep the order they were
      // created in, and the queue, served by creation time and then id, stays first come, first served
      id: ulid(),
      customer_id: input.customerId,
      channel_id: input.channelId ?? 'default',
      status: 'WAITING',
      team: routing?.team ?? null,
      skills: JSON.stringify(routing?.skills ?? []),
      priority: routing?.priority ?? 0,
      operator_id: null,
      flow_version: input.flowVersion,
      on_close_step: input.onCloseStep,
      created_at: input.now,
      claimed_at: null,
      first_response_at: null,
      closed_at: null,
      close_reason: null,
      csat: null,
      csat_comment: null,
      updated_at: input.now,
      queue_id: routing?.queueId ?? null,
      routing_id: routing?.routingId ?? null,
      strategy: routing?.strategy ?? null,
      announced_position: null,
      announced_at: null,
      last_customer_at: input.now,
      last_operator_at: null,
      inactivity_warned_at: null,
      max_wait_handled: false,
      assigned_automatically: false,
      reopen_within_ms: input.reopenWithinMs ?? null,
    };
    await this.db('conversations').insert(row);
    return row;
  }

  /** Claims a WAITING conversation; false when someone else got it first. */
  /** `automatically`: auto-assignment gives it, rather than the operator taking it */
  async claim(id: string, operatorId: string, now: number, automatically = false): Promise<boolean> {
    const changed = await this.db('conversations')
      .where({ id, status: 'WAITING' })
      .update({ status: 'ACTIVE', operator_id: operatorId, claimed_at: now, updated_at: now, assigned_automatically: automatically });
    return changed === 1;
  }

  async touch(id: string, now: number): Promise<void> {
    await this.db('conversations').where({ id }).update({ updated_at: now });
  }

  /** The customer wrote: the auto-close clock stops until the operator answers. */
  /** The customers of these conversations wrote (the auto-close clock measures from the last of either side). */
  async markCustomerActivity(ids: readonly string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db('conversations').whereIn('id', ids).update({ last_customer_at: now, updated_at: now });
  }

  /** The operator wrote: the auto-close clock starts again and any earlier warning no longer counts. */
  async markOperatorActivity(id: string, now: number): Promise<void> {
    await this.db('conversations').where({ id }).update({ last_operator_at: now, updated_at: now });
    await this.db('conversations').where({ id }).whereNull('first_response_at').update({ first_response_at: now });
  }

  /** Records the inactivity warning unless another engine sent one since `previousAt` was read. */
  async claimWarning(id: string, previousAt: number | null, now: number): Promise<boolean> {
    const q = this.db('conversations').where({ id, status: 'ACTIVE' });
    if (previousAt === null) q.whereNull('inactivity_warned_at');
    else q.where('inactivity_warned_at', previousAt);
    return (await q.update({ inactivity_warned_at: now })) === 1;
  }

  /** Records a position notice unless another engine recorded one since `previousAt` was read. */
  async claimAnnouncement(id: string, previousAt: number | null, position: number, now: number): Promise<boolean> {
    const q = this.db('conversations').where({ id, status: 'WAITING' });
    if (previousAt === null) q.whereNull('announced_at');
    else q.where('announced_at', previousAt);
    return (await q.update({ announced_position: position, announced_at: now })) === 1;
  }

  /** Claims the right to run the queue's max-wait step once; false when already done. */
  async claimMaxWait(id: string): Promise<boolean> {
    return (await this.db('conversations').where({ id, status: 'WAITING', max_wait_handled: false }).update({ max_wait_handled: true })) === 1;
  }

  /** Waiting conversations in serving order: higher priority first, then longest waiting. */
  listWaiting(): Promise<ConversationRow[]> {
    return this.db<ConversationRow>('conversations').where({ status: 'WAITING' }).orderBy([{ column: 'priority', order: 'desc' }, { column: 'created_at' }, { column: 'id' }]);
  }

  /** the conversations an operator is working now */
  listActiveOf(operatorId: string): Promise<ConversationRow[]> {
    return this.db<ConversationRow>('conversations').where({ status: 'ACTIVE', operator_id: operatorId });
  }

  listActive(): Promise<ConversationRow[]> {
    return this.db<ConversationRow>('conversations').where({ status: 'ACTIVE' });
  }

  /** Active conversations per operator, for capacity. */
  async activeCounts(): Promise<Map<string, number>> {
    const rows = await this.db('conversations').where({ status: 'ACTIVE' }).whereNotNull('operator_id').select('operator_id').count<{ operator_id: string; n: number | string }[]>({ n: '*' }).groupBy('operator_id');
    return new Map(rows.map((r) => [r.operator_id, Number(r.n)]));
  }

  /** Minutes from claim to close of the latest closed conversations (the queue's wait estimate). */
  async recentHandlingMinutes(sampleSize: number): Promise<number[]> {
    const rows = await this.db<ConversationRow>('conversations').where({ status: 'CLOSED' }).whereNotNull('claimed_at').whereNotNull('closed_at').orderBy('closed_at', 'desc').limit(sampleSize).select('claimed_at', 'closed_at');
    return rows.map((r) => ((r.closed_at ?? 0) - (r.claimed_at ?? 0)) / 60_000);
  }

  async lastClosedOfCustomer(customerId: string): Promise<ConversationRow | undefined> {
    // written as SQL: looked up for every message a customer writes outside a conversation (raw-rows.ts)
    const [row] = await rawRows<ConversationRow>(this.db, "select * from conversations where customer_id = ? and status = 'CLOSED' order by closed_at desc limit 1", [customerId]);
    return row;
  }

  async recordCsat(id: string, score: number, comment: string | null): Promise<void> {
    await this.db('conversations').where({ id }).update({ csat: score, csat_comment: comment });
  }

  /** Gives an open conversation to the operator, or back to the queue; the row as it is now (undefined: none open). */
  async assign(id: string, operatorId: string | null, now: number): Promise<ConversationRow | undefined> {
    const [row] = (await this.db('conversations')
      .where({ id })
      // a conversation closed meanwhile stays closed
      .whereIn('status', ['WAITING', 'ACTIVE'])
      .update(
        operatorId === null
          ? { status: 'WAITING', operator_id: null, updated_at: now, assigned_automatically: false }
          : { status: 'ACTIVE', operator_id: operatorId, claimed_at: now, updated_at: now, assigned_automatically: false },
      )
      .returning('*')) as ConversationRow[];
    return row;
  }

  /**
   * Opens a closed conversation again; the row as it is now, undefined when it was not closed (someone else
   * reopened it first). The close is kept in conversation_events; the row reads as open again. Its queue
   * notices and max-wait start afresh, and the auto-close clock waits for the operator's next message.
   */
  async reopen(id: string, reopening: Reopening): Promise<ConversationRow | undefined> {
    const { operatorId, now } = reopening;
    const [row] = (await this.db('conversations')
      .where({ id, status: 'CLOSED' })
      .update({
        status: operatorId === null ? 'WAITING' : 'ACTIVE',
        operator_id: operatorId,
        closed_at: null,
        close_reason: null,
        updated_at: now,
        assigned_automatically: false,
        announced_position: null,
        announced_at: null,
        max_wait_handled: false,
        inactivity_warned_at: null,
        last_operator_at: null,
        ...(reopening.byCustomer ? { last_customer_at: now } : {}),
      })
      .returning('*')) as ConversationRow[];
    return row;
  }

  /** Moves an open conversation to another team (its queue, routing and reports). */
  async setTeam(id: string, team: string, now: number): Promise<void> {
    await this.db('conversations').where({ id }).whereIn('status', ['WAITING', 'ACTIVE']).update({ team, updated_at: now });
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
    if (query.visibleTo !== undefined) {
      const operatorId = query.visibleTo;
      q.where((w) => w.whereNull('conversations.operator_id').orWhere('conversations.operator_id', operatorId));
    }
    if (query.assignee === null) q.whereNull('conversations.operator_id');
    else if (query.assignee !== undefined) q.where('conversations.operator_id', query.assignee);
    if (query.team !== undefined) q.where('conversations.team', query.team);
    if (query.channels !== undefined) q.whereIn('conversations.channel_id', [...query.channels]);
    if (query.tag !== undefined) {
      // tags are a JSON array in one text column (both databases): match the tag's exact JSON string inside it
      const pattern = `%${JSON.stringify(query.tag.toLowerCase()).replace(/[%_!]/g, (c) => `!${c}`)}%`;
      q.whereExists(
        this.db('customers as tagged')
          .select(this.db.raw('1'))
          .whereRaw('tagged.id = conversations.customer_id')
          .whereRaw(`lower(tagged.tags) like ? escape '!'`, [pattern]),
      );
    }
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
