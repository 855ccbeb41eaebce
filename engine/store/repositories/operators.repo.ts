import type { Knex } from 'knex';
import type { OperatorDto, Role } from '../../contracts/rest.ts';
import { parseJson } from './json-column.ts';

export interface OperatorRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  skills: string;
  capacity: number;
  presence: OperatorDto['presence'];
  password_hash: string;
  totp_secret: string | null;
  created_at: number;
  teams: string;
  last_assigned_at: number | null;
  /** SQLite answers booleans as 0/1 */
  active: boolean | number;
  must_change_password: boolean | number;
  last_sign_in_at: number | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  recovery_codes: string;
  invite_hash: string | null;
  invite_expires_at: number | null;
  /** JSON array of the channel ids they work in; null: every channel (migration 018) */
  channels: string | null;
}

/** What a new operator needs; the rest has defaults (active, no invite, no MFA). */
export type NewOperator = Pick<OperatorRow, 'id' | 'email' | 'name' | 'role' | 'skills' | 'capacity' | 'presence' | 'password_hash' | 'totp_secret' | 'created_at'> &
  Partial<Pick<OperatorRow, 'teams' | 'last_assigned_at' | 'must_change_password' | 'invite_hash' | 'invite_expires_at' | 'channels'>>;

/** The fields an admin may change (PATCH /api/operators/:id), already encoded for the columns. */
export type OperatorChanges = Partial<Pick<OperatorRow, 'name' | 'role' | 'teams' | 'skills' | 'capacity' | 'active' | 'presence' | 'channels'>>;

/** the channels an operator works in; null: every channel */
export function operatorChannels(row: Pick<OperatorRow, 'channels'>): string[] | null {
  return row.channels === null || row.channels === undefined ? null : parseJson<string[]>(row.channels, []);
}

export function toOperatorDto(row: OperatorRow): OperatorDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    presence: row.presence,
    teams: parseJson<string[]>(row.teams, []),
    skills: parseJson<string[]>(row.skills, []),
    capacity: row.capacity,
    channels: operatorChannels(row),
    active: Boolean(row.active),
    invited: row.invite_hash !== null,
    mfaEnabled: row.totp_secret !== null,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

export class OperatorsRepo {
  constructor(private readonly db: Knex) {}

  findById(id: string): Promise<OperatorRow | undefined> {
    return this.db<OperatorRow>('operators').where({ id }).first();
  }

  findByEmail(email: string): Promise<OperatorRow | undefined> {
    return this.db<OperatorRow>('operators').whereRaw('lower(email) = ?', [email.toLowerCase()]).first();
  }

  findByInvite(inviteHash: string): Promise<OperatorRow | undefined> {
    return this.db<OperatorRow>('operators').where({ invite_hash: inviteHash }).first();
  }

  list(): Promise<OperatorRow[]> {
    return this.db<OperatorRow>('operators').orderBy('name');
  }

  /** id and name of the given operators only (conversation views name the assigned operator) */
  names(ids: string[]): Promise<Pick<OperatorRow, 'id' | 'name'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db<OperatorRow>('operators').whereIn('id', ids).select('id', 'name');
  }

  async count(): Promise<number> {
    const row = await this.db('operators').count<{ n: number | string }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** active admins: the last one cannot be demoted or deactivated, or nobody could manage the team */
  async countActiveAdmins(): Promise<number> {
    const row = await this.db('operators').where({ role: 'admin', active: true }).count<{ n: number | string }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** available: takes new conversations; away: keeps chatting, takes none; offline: not connected */
  async setPresence(id: string, presence: 'available' | 'away' | 'offline'): Promise<void> {
    await this.db('operators').where({ id }).update({ presence });
  }

  async markAssigned(id: string, now: number): Promise<void> {
    await this.db('operators').where({ id }).update({ last_assigned_at: now });
  }

  listAvailable(): Promise<OperatorRow[]> {
    return this.db<OperatorRow>('operators').where({ presence: 'available', active: true });
  }

  async insert(row: NewOperator): Promise<void> {
    await this.db('operators').insert({ teams: '[]', last_assigned_at: null, ...row });
  }

  /** Inserts unless the email is taken (another engine starting at the same time); true when inserted. */
  async insertIfNew(row: NewOperator): Promise<boolean> {
    const inserted = await this.db('operators').insert({ teams: '[]', last_assigned_at: null, ...row }).onConflict('email').ignore().returning('id');
    return inserted.length === 1;
  }

  async update(id: string, changes: OperatorChanges): Promise<OperatorRow | undefined> {
    if (Object.keys(changes).length > 0) await this.db('operators').where({ id }).update(changes);
    return this.findById(id);
  }

  /** A new password; `mustChange`: it is a one-time password, good only for choosing another. Ends any invite. */
  async setPassword(id: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await this.db('operators').where({ id }).update({ password_hash: passwordHash, must_change_password: mustChange, invite_hash: null, invite_expires_at: null });
  }

  async setInvite(id: string, inviteHash: string | null, expiresAt: number | null): Promise<void> {
    await this.db('operators').where({ id }).update({ invite_hash: inviteHash, invite_expires_at: expiresAt });
  }

  async markSignedIn(id: string, at: number): Promise<void> {
    await this.db('operators').where({ id }).update({ last_sign_in_at: at });
  }

  /** MFA: the pending secret during enrolment; the confirmed secret and hashed recovery codes once on; all null when off */
  async setMfa(id: string, mfa: { totp_secret: string | null; totp_pending_secret: string | null; recovery_codes: string; totp_last_step?: number | null }): Promise<void> {
    await this.db('operators').where({ id }).update(mfa);
  }

  /** Records a code's time step as used; false when this step (or a later one) was already used: a replay. */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    const updated = await this.db('operators')
      .where({ id })
      .where((q) => q.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
      .update({ totp_last_step: step });
    return updated === 1;
  }

  /** Operators with a confirmed or pending TOTP secret (sealed or not). */
  withTotpSecrets(): Promise<Pick<OperatorRow, 'id' | 'totp_secret' | 'totp_pending_secret'>[]> {
    return this.db<OperatorRow>('operators').select('id', 'totp_secret', 'totp_pending_secret').whereNotNull('totp_secret').orWhereNotNull('totp_pending_secret');
  }

  /** Replaces an operator's TOTP secrets if they are still `before`'s; false when they changed meanwhile. */
  async replaceTotpSecrets(
    before: Pick<OperatorRow, 'id' | 'totp_secret' | 'totp_pending_secret'>,
    after: Pick<OperatorRow, 'totp_secret' | 'totp_pending_secret'>,
  ): Promise<boolean> {
    const updated = await this.db('operators').where({ id: before.id, totp_secret: before.totp_secret, totp_pending_secret: before.totp_pending_secret }).update(after);
    return updated === 1;
  }

  async setPendingMfa(id: string, secret: string): Promise<void> {
    await this.db('operators').where({ id }).update({ totp_pending_secret: secret });
  }

  /** Spends one recovery code: true only for the request that removed it (two at once cannot both use it). */
  async spendRecoveryCode(id: string, before: string, after: string): Promise<boolean> {
    return (await this.db('operators').where({ id, recovery_codes: before }).update({ recovery_codes: after })) === 1;
  }
}
