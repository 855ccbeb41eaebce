import type { Knex } from 'knex';
import type { Role, SessionRestriction } from '../../contracts/rest.ts';

export interface SessionRow {
  id: string;
  operator_id: string;
  refresh_hash: string;
  previous_hash: string | null;
  rotated_at: number;
  restriction: SessionRestriction | null;
  created_at: number;
  last_active_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
  address: string | null;
  user_agent: string | null;
}

export type NewSession = Omit<SessionRow, 'previous_hash' | 'revoked_at' | 'revoked_reason'>;

/** A session with what every request needs of its operator, read in one query. */
export interface SessionWithOperator extends SessionRow {
  role: Role;
  name: string;
  email: string;
  active: boolean | number;
  /** the operator's channel limit, JSON (operators.channels) */
  channels: string | null;
}

export class SessionsRepo {
  constructor(private readonly db: Knex) {}

  async insert(row: NewSession): Promise<void> {
    await this.db('sessions').insert(row);
  }

  findById(id: string): Promise<SessionRow | undefined> {
    return this.db<SessionRow>('sessions').where({ id }).first();
  }

  /** the session behind an access token, with its operator's current role, name and standing */
  withOperator(id: string): Promise<SessionWithOperator | undefined> {
    return this.db('sessions')
      .join('operators', 'operators.id', 'sessions.operator_id')
      .where('sessions.id', id)
      .first<SessionWithOperator | undefined>('sessions.*', 'operators.role', 'operators.name', 'operators.email', 'operators.active', 'operators.channels');
  }

  /** several sessions with their operators at once (sockets re-checked in bulk) */
  withOperators(ids: readonly string[]): Promise<SessionWithOperator[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db('sessions')
      .join('operators', 'operators.id', 'sessions.operator_id')
      .whereIn('sessions.id', [...ids])
      .select<SessionWithOperator[]>('sessions.*', 'operators.role', 'operators.name', 'operators.email', 'operators.active', 'operators.channels');
  }

  /**
   * Replaces the refresh token, only if `expectedHash` is still the current one: of two refreshes with the same
   * token, one rotates and the other finds the hash changed. True when this call rotated.
   */
  async rotate(id: string, expectedHash: string, nextHash: string, at: number, active: boolean): Promise<boolean> {
    const changes: Record<string, unknown> = { refresh_hash: nextHash, previous_hash: expectedHash, rotated_at: at };
    if (active) changes.last_active_at = at;
    return (await this.db('sessions').where({ id, refresh_hash: expectedHash }).whereNull('revoked_at').update(changes)) === 1;
  }

  async touch(id: string, at: number): Promise<void> {
    await this.db('sessions').where({ id }).whereNull('revoked_at').update({ last_active_at: at });
  }

  async setRestriction(operatorId: string, restriction: SessionRestriction | null): Promise<void> {
    await this.db('sessions').where({ operator_id: operatorId }).whereNull('revoked_at').update({ restriction });
  }

  /** Ends one session; true when it was still live. */
  async revoke(id: string, reason: string, at: number): Promise<boolean> {
    return (await this.db('sessions').where({ id }).whereNull('revoked_at').update({ revoked_at: at, revoked_reason: reason })) === 1;
  }

  /** Ends every live session of an operator but `keep`; returns the ids ended. */
  async revokeAll(operatorId: string, reason: string, at: number, keep: string | null = null): Promise<string[]> {
    const query = this.db<SessionRow>('sessions').where({ operator_id: operatorId }).whereNull('revoked_at');
    if (keep) query.whereNot({ id: keep });
    const ids = (await query.clone().select('id')).map((row) => row.id);
    if (ids.length > 0) await this.db('sessions').whereIn('id', ids).whereNull('revoked_at').update({ revoked_at: at, revoked_reason: reason });
    return ids;
  }

  /** Sessions ended or expired long ago are of no more use (the audit log keeps the sign-ins). */
  async deleteEndedBefore(before: number): Promise<number> {
    return this.db('sessions')
      .where((q) => q.where('revoked_at', '<', before).orWhere('expires_at', '<', before))
      .delete();
  }
}
