import type { Knex } from 'knex';

export interface RelayTargetRow {
  id: string;
  name: string;
  url: string;
  secret: string;
  enabled: boolean | number;
  /** JSON array of event types, or null for every event */
  event_types: string | null;
  /** JSON array of LINE channel ids, or null for every channel */
  channel_ids: string | null;
  created_at: number;
  updated_at: number;
  last_success_at: number | null;
  last_failure_at: number | null;
  last_error: string | null;
}

export type RelayTargetChanges = Partial<Pick<RelayTargetRow, 'name' | 'url' | 'secret' | 'enabled' | 'event_types' | 'channel_ids' | 'updated_at'>>;

/** Counts of a target's deliveries by status. */
export interface RelayBacklogRow {
  target_id: string;
  status: string;
  count: number | string;
}

/** The relay's targets (table relay_targets), with the outcome of their last attempts. */
export class RelayTargetsRepo {
  constructor(private readonly db: Knex) {}

  list(): Promise<RelayTargetRow[]> {
    return this.db<RelayTargetRow>('relay_targets').orderBy('name');
  }

  listEnabled(): Promise<RelayTargetRow[]> {
    return this.db<RelayTargetRow>('relay_targets').where({ enabled: true });
  }

  findById(id: string): Promise<RelayTargetRow | undefined> {
    return this.db<RelayTargetRow>('relay_targets').where({ id }).first();
  }

  findByName(name: string): Promise<RelayTargetRow | undefined> {
    return this.db<RelayTargetRow>('relay_targets').where({ name }).first();
  }

  async insert(row: Omit<RelayTargetRow, 'last_success_at' | 'last_failure_at' | 'last_error'>): Promise<void> {
    await this.db('relay_targets').insert(row);
  }

  async update(id: string, changes: RelayTargetChanges): Promise<void> {
    await this.db('relay_targets').where({ id }).update(changes);
  }

  /** Replaces a target's stored secret if it is still `before`; false when it changed meanwhile. */
  async replaceSecret(id: string, before: string, after: string): Promise<boolean> {
    return (await this.db('relay_targets').where({ id, secret: before }).update({ secret: after })) === 1;
  }

  /** Deletes the target and its queue. */
  async delete(id: string): Promise<boolean> {
    await this.db('relay_deliveries').where({ target_id: id }).delete();
    return (await this.db('relay_targets').where({ id }).delete()) > 0;
  }

  async markSuccess(id: string, at: number): Promise<void> {
    await this.db('relay_targets').where({ id }).update({ last_success_at: at });
  }

  async markFailure(id: string, at: number, error: string): Promise<void> {
    await this.db('relay_targets').where({ id }).update({ last_failure_at: at, last_error: error.slice(0, 500) });
  }

  /** Pending and given-up deliveries per target (delivered ones are not counted). */
  backlog(): Promise<RelayBacklogRow[]> {
    return this.db('relay_deliveries')
      .whereIn('status', ['pending', 'gave_up'])
      .groupBy('target_id', 'status')
      .select<RelayBacklogRow[]>('target_id', 'status', this.db.raw('count(*) as count'));
  }
}
