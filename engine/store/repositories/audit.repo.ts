import type { Knex } from 'knex';

export interface AuditRow {
  id: number;
  at: number;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  address: string | null;
  details: string;
}

export type NewAuditRow = Omit<AuditRow, 'id'>;

export interface AuditFilter {
  from?: number;
  to?: number;
  /** an operator id or an email */
  actor?: string;
  action?: string;
  targetId?: string;
  /** entries older than this id (paging back) */
  before?: number;
}

/** The audit log: written once, read, and cut by age. No update exists here, and the table refuses one. */
export class AuditRepo {
  constructor(private readonly db: Knex) {}

  async insert(row: NewAuditRow): Promise<void> {
    await this.db('audit_log').insert(row);
  }

  private filtered(filter: AuditFilter): Knex.QueryBuilder<AuditRow, AuditRow[]> {
    const query = this.db<AuditRow>('audit_log');
    if (filter.from !== undefined) query.where('at', '>=', filter.from);
    if (filter.to !== undefined) query.where('at', '<', filter.to);
    if (filter.actor !== undefined) {
      const actor = filter.actor;
      query.where((q) => q.where('actor_id', actor).orWhereRaw('lower(actor_email) = ?', [actor.toLowerCase()]));
    }
    if (filter.action !== undefined) query.where('action', filter.action);
    if (filter.targetId !== undefined) query.where('target_id', filter.targetId);
    if (filter.before !== undefined) query.where('id', '<', filter.before);
    return query;
  }

  /** newest first */
  list(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
    return this.filtered(filter).orderBy('id', 'desc').limit(limit);
  }

  /** newest first, a page at a time, for exports of any size without holding them in memory */
  async *pages(filter: AuditFilter, pageSize = 500): AsyncGenerator<AuditRow[]> {
    let before = filter.before;
    for (;;) {
      const page = await this.list({ ...filter, ...(before === undefined ? {} : { before }) }, pageSize);
      if (page.length === 0) return;
      yield page;
      before = page[page.length - 1]?.id;
      if (page.length < pageSize) return;
    }
  }

  async deleteBefore(at: number): Promise<number> {
    return this.db('audit_log').where('at', '<', at).delete();
  }
}
