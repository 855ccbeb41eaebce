/**
 * Analytics reads and the rolled-up rows (docs/metrics.md). The per-day reads each walk one day of one
 * time-indexed column (conversations by created_at, first_response_at, closed_at; events by at; messages
 * by created_at and sent_at); the lookups of a customer's previous and next handoff use
 * (customer_id, created_at).
 */
import type { Knex } from 'knex';
import type { AnalyticsDimension } from '../../contracts/analytics.ts';
import type { ClosedFact, DayFacts, FirstContactCount, FirstResponseFact, InboundCount, MoveFact, OutboundCount, QueuedCount, SentCount } from '../../domain/analytics/aggregate-day.ts';

export interface AnalyticsDailyRow {
  day: string;
  dimension: AnalyticsDimension;
  key: string;
  metrics: string;
  computed_at: number;
}

export interface CsatCommentRow {
  conversation_id: string;
  customer_name: string | null;
  operator_id: string | null;
  operator_name: string | null;
  csat: number;
  csat_comment: string;
  closed_at: number;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export class AnalyticsRepo {
  constructor(private readonly db: Knex) {}

  /**
   * Everything one day's metrics are computed from, for [start, end): counts grouped by the database
   * where no per-row logic is needed (slot n of the day is [start + n·slotMs, start + (n+1)·slotMs)),
   * rows where a duration or a per-conversation rule is. Each read walks one day of one index.
   */
  async dayFacts(start: number, end: number, slotMs: number, fcrWindowMs: number): Promise<DayFacts> {
    const db = this.db;
    // integer division in both databases (SQLite's binding of a JS number may be a REAL, hence the cast)
    const slotOf = (column: string) => db.raw(`cast((${column} - ?) / ? as integer)`, [start, slotMs]);
    const [queued, handedOff, firstContacts, moves, firstResponses, closed, inbound, outbound, sent] = await Promise.all([
      db('conversations as c')
        .where('c.created_at', '>=', start)
        .where('c.created_at', '<', end)
        .select('c.team', slotOf('c.created_at').wrap('', ' as slot'))
        .count({ n: '*' })
        // reopened: the customer's previous conversation closed at most the FCR window before this one was queued
        .select(
          db.raw(
            `sum(case when exists (select 1 from conversations p where p.customer_id = c.customer_id and p.created_at <= c.created_at
              and p.closed_at <= c.created_at and p.closed_at >= c.created_at - ? and p.id <> c.id) then 1 else 0 end) as reopened`,
            [fcrWindowMs],
          ),
        )
        .groupBy('c.team', 'slot'),
      db('conversations').where('created_at', '>=', start).where('created_at', '<', end).countDistinct({ n: 'customer_id' }),
      // each customer's first contact of the day: their first inbound message or their handoff, whichever came first
      db
        .select(slotOf('first_at').wrap('', ' as slot'))
        .count({ n: '*' })
        .from(
          db
            .select('customer_id')
            .min({ first_at: 'at' })
            .from(
              db('messages')
                .where('created_at', '>=', start)
                .where('created_at', '<', end)
                .where('direction', 'in')
                .select('customer_id', 'created_at as at')
                .unionAll(db('conversations').where('created_at', '>=', start).where('created_at', '<', end).select('customer_id', 'created_at as at'))
                .as('contact'),
            )
            .groupBy('customer_id')
            .as('first_contact'),
        )
        .groupBy('slot'),
      db('conversation_events as e')
        .join('conversations as c', 'c.id', 'e.conversation_id')
        .where('e.at', '>=', start)
        .where('e.at', '<', end)
        .whereIn('e.kind', ['claimed', 'transferred', 'returned'])
        .select('e.kind', 'e.operator_id', 'e.from_operator_id', 'e.team', 'e.at', 'c.created_at')
        .select(
          db.raw(
            "case when exists (select 1 from conversation_events f where f.conversation_id = e.conversation_id and f.kind = 'claimed' and f.id < e.id) then 0 else 1 end as first_claim",
          ),
        ),
      db('conversations')
        .where('first_response_at', '>=', start)
        .where('first_response_at', '<', end)
        .select('team', 'operator_id', 'created_at', 'first_response_at'),
      db('conversations as c')
        .where('c.closed_at', '>=', start)
        .where('c.closed_at', '<', end)
        .select('c.team', 'c.operator_id', 'c.created_at', 'c.claimed_at', 'c.closed_at', 'c.csat')
        .select(db.raw("case when exists (select 1 from conversation_events s where s.conversation_id = c.id and s.kind = 'survey_sent') then 1 else 0 end as surveyed"))
        .select(
          db('conversations as n')
            .min('n.created_at')
            .whereRaw('n.customer_id = c.customer_id')
            .whereRaw('n.created_at > c.closed_at')
            .as('next_handoff_at'),
        ),
      // counted per conversation first (from the index alone), so each conversation's team is looked up once
      db
        .from(
          db('messages')
            .where('created_at', '>=', start)
            .where('created_at', '<', end)
            .where('direction', 'in')
            .select('conversation_id', slotOf('created_at').wrap('', ' as slot'))
            .count({ n: '*' })
            .groupBy('conversation_id', 'slot')
            .as('m'),
        )
        .leftJoin('conversations as c', 'c.id', 'm.conversation_id')
        .groupBy('c.team', 'c.operator_id', 'm.slot')
        .select('c.team', 'c.operator_id', 'm.slot')
        .sum({ n: 'm.n' }),
      db('messages as m')
        .leftJoin('conversations as c', 'c.id', 'm.conversation_id')
        .where('m.created_at', '>=', start)
        .where('m.created_at', '<', end)
        .where('m.direction', 'out')
        .groupBy('c.team', 'm.operator_id')
        .select('c.team', 'm.operator_id')
        .count({ n: '*' }),
      db('messages as m')
        .leftJoin('conversations as c', 'c.id', 'm.conversation_id')
        .where('m.sent_at', '>=', start)
        .where('m.sent_at', '<', end)
        .whereNotNull('m.sent_via')
        .groupBy('c.team', 'm.operator_id', 'm.sent_via')
        .select('c.team', 'm.operator_id', 'm.sent_via')
        .count({ n: '*' }),
    ]);
    type Row = Record<string, unknown>;
    const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
    return {
      queued: (queued as Row[]).map((r): QueuedCount => ({ team: str(r.team), slot: Number(r.slot), count: Number(r.n), reopened: Number(r.reopened) })),
      handedOffCustomers: Number((handedOff as Row[])[0]?.n ?? 0),
      firstContacts: (firstContacts as Row[]).map((r): FirstContactCount => ({ slot: Number(r.slot), count: Number(r.n) })),
      moves: (moves as Row[]).map((r): MoveFact => ({
        kind: r.kind as MoveFact['kind'],
        operatorId: str(r.operator_id),
        fromOperatorId: str(r.from_operator_id),
        team: str(r.team),
        at: Number(r.at),
        createdAt: Number(r.created_at),
        firstClaim: Number(r.first_claim) === 1,
      })),
      firstResponses: (firstResponses as Row[]).map((r): FirstResponseFact => ({ team: str(r.team), operatorId: str(r.operator_id), createdAt: Number(r.created_at), firstResponseAt: Number(r.first_response_at) })),
      closed: (closed as Row[]).map((r): ClosedFact => ({
        team: str(r.team),
        operatorId: str(r.operator_id),
        createdAt: Number(r.created_at),
        claimedAt: num(r.claimed_at),
        closedAt: Number(r.closed_at),
        csat: num(r.csat),
        surveyed: Number(r.surveyed) === 1,
        nextHandoffAt: num(r.next_handoff_at),
      })),
      inbound: (inbound as Row[]).map((r): InboundCount => ({ team: str(r.team), operatorId: str(r.operator_id), slot: Number(r.slot), count: Number(r.n) })),
      outbound: (outbound as Row[]).map((r): OutboundCount => ({ team: str(r.team), operatorId: str(r.operator_id), count: Number(r.n) })),
      sent: (sent as Row[]).map((r): SentCount => ({ team: str(r.team), operatorId: str(r.operator_id), via: r.sent_via === 'reply' ? 'reply' : 'push', count: Number(r.n) })),
    };
  }

  /** Replaces a day's rows with these: the caller runs it in a transaction, so a day is old or new, never half. */
  async replaceDay(day: string, rows: readonly Omit<AnalyticsDailyRow, 'day'>[]): Promise<void> {
    await this.db('analytics_daily').where({ day }).delete();
    // a day has one row per team and operator besides its overall row: a few hundred at most
    for (let i = 0; i < rows.length; i += 200) await this.db('analytics_daily').insert(rows.slice(i, i + 200).map((row) => ({ day, ...row })));
  }

  /** The days of [from, to] that have been rolled up (their overall row exists). */
  async rolledUpDays(from: string, to: string): Promise<Set<string>> {
    const rows = await this.db<AnalyticsDailyRow>('analytics_daily').where({ dimension: 'all' }).whereBetween('day', [from, to]).select('day');
    return new Set(rows.map((r) => r.day));
  }

  /** Stored rows of [from, to] for one dimension (and key, if given), by day. */
  rows(from: string, to: string, dimension: AnalyticsDimension, key?: string): Promise<AnalyticsDailyRow[]> {
    const query = this.db<AnalyticsDailyRow>('analytics_daily').where({ dimension }).whereBetween('day', [from, to]);
    if (key !== undefined) query.where({ key });
    return query.orderBy([{ column: 'day' }, { column: 'key' }]);
  }

  async openCounts(): Promise<{ waiting: number; active: number; oldestWaitingSince: number | null }> {
    const counts = (await this.db('conversations').whereIn('status', ['WAITING', 'ACTIVE']).groupBy('status').select('status').count({ n: '*' })) as { status: string; n: number | string }[];
    const oldest = (await this.db('conversations').where({ status: 'WAITING' }).min({ at: 'created_at' }).first()) as { at: number | string | null } | undefined;
    const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
    return { waiting: count('WAITING'), active: count('ACTIVE'), oldestWaitingSince: num(oldest?.at) };
  }

  csatComments(start: number, end: number, filter: { team?: string; operator?: string }, limit: number): Promise<CsatCommentRow[]> {
    const query = this.db('conversations as c')
      .leftJoin('customers as u', 'u.id', 'c.customer_id')
      .leftJoin('operators as o', 'o.id', 'c.operator_id')
      .where('c.closed_at', '>=', start)
      .where('c.closed_at', '<', end)
      .whereNotNull('c.csat')
      .whereNotNull('c.csat_comment')
      .whereNot('c.csat_comment', '')
      .select('c.id as conversation_id', 'u.display_name as customer_name', 'c.operator_id', 'o.name as operator_name', 'c.csat', 'c.csat_comment', 'c.closed_at')
      .orderBy('c.closed_at', 'desc')
      .limit(limit);
    if (filter.team !== undefined) query.where('c.team', filter.team);
    if (filter.operator !== undefined) query.where('c.operator_id', filter.operator);
    return query as unknown as Promise<CsatCommentRow[]>;
  }
}
