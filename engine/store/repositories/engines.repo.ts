import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';

export interface EngineRow {
  instance_id: string;
  started_at: number;
  last_seen_at: number;
}

/** Whose claims a takeover hands on: one dead engine's, or every engine's but this one's (a lone SQLite engine at start). */
export type DeadHolders = { holder: string } | { allBut: string };

/**
 * The database's clock in epoch ms, as SQL. Heartbeats are written and judged by it, never by an
 * engine's own clock: engines on hosts whose clocks disagree by seconds would otherwise see each
 * other as dead (or never dead).
 */
export function databaseNowSql(postgres: boolean): string {
  return postgres ? '(extract(epoch from clock_timestamp()) * 1000)::bigint' : "cast((julianday('now') - 2440587.5) * 86400000 as integer)";
}

/** The statements a heartbeat runs, in the driver's own placeholder style (pg: $1, SQLite: ?). */
export function heartbeatStatements(postgres: boolean): { renew: string; register: string } {
  const now = databaseNowSql(postgres);
  const id = postgres ? '$1' : '?';
  return {
    renew: `update engines set last_seen_at = ${now} where instance_id = ${id}`,
    // a row that is gone was taken over while this engine could not beat: it says so, and beats again
    register: `insert into engines (instance_id, started_at, last_seen_at) values (${id}, ${now}, ${now})
      on conflict (instance_id) do update set last_seen_at = excluded.last_seen_at`,
  };
}

/** Which engines are alive, by their heartbeats (migration 007). */
export class EnginesRepo {
  constructor(private readonly db: Knex) {}

  private get now(): Knex.Raw {
    return this.db.raw(databaseNowSql(isPostgres(this.db)));
  }

  /** Records that this engine runs, as of now. */
  async register(instanceId: string): Promise<void> {
    await this.db('engines')
      .insert({ instance_id: instanceId, started_at: this.now, last_seen_at: this.now })
      .onConflict('instance_id')
      .merge(['last_seen_at']);
  }

  /** Engines other than `self` whose last heartbeat is older than `staleMs` by the database's clock. */
  async stale(self: string, staleMs: number): Promise<string[]> {
    const rows = await this.db('engines')
      .select('instance_id')
      .whereNot('instance_id', self)
      .where('last_seen_at', '<', this.db.raw(`${databaseNowSql(isPostgres(this.db))} - ?`, [staleMs]));
    return rows.map((row: { instance_id: string }) => row.instance_id);
  }

  /**
   * Deletes the engine's row if it is still stale; false when it beat meanwhile or another engine
   * deleted it first. Whoever deletes it takes over its work, in the same transaction: on Postgres
   * the row lock makes a second taker (or the engine's own late heartbeat) wait and then find nothing.
   */
  async removeIfStale(instanceId: string, staleMs: number): Promise<boolean> {
    const deleted = await this.db('engines')
      .where({ instance_id: instanceId })
      .where('last_seen_at', '<', this.db.raw(`${databaseNowSql(isPostgres(this.db))} - ?`, [staleMs]))
      .delete();
    return deleted > 0;
  }

  /** Deletes every row but `self`'s; returns the ids (a lone SQLite engine at start: all of them are dead). */
  async removeAllBut(self: string): Promise<string[]> {
    const rows = await this.db('engines').select('instance_id').whereNot('instance_id', self);
    await this.db('engines').whereNot('instance_id', self).delete();
    return rows.map((row: { instance_id: string }) => row.instance_id);
  }

  /** A clean stop: this engine holds nothing any more. */
  async remove(instanceId: string): Promise<void> {
    await this.db('engines').where({ instance_id: instanceId }).delete();
  }

  list(): Promise<EngineRow[]> {
    return this.db<EngineRow>('engines').select('*').orderBy('started_at');
  }
}
