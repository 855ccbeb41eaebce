import type { Knex } from 'knex';
import type { OperatorDto } from '../../contracts/rest.ts';

export interface OperatorRow {
  id: string;
  email: string;
  name: string;
  role: OperatorDto['role'];
  skills: string;
  capacity: number;
  presence: OperatorDto['presence'];
  password_hash: string;
  totp_secret: string | null;
  created_at: number;
  teams: string;
  last_assigned_at: number | null;
}

export type NewOperator = Omit<OperatorRow, 'teams' | 'last_assigned_at'> & Partial<Pick<OperatorRow, 'teams' | 'last_assigned_at'>>;

export function toOperatorDto(row: OperatorRow): OperatorDto {
  return { id: row.id, email: row.email, name: row.name, role: row.role, presence: row.presence };
}

export class OperatorsRepo {
  constructor(private readonly db: Knex) {}

  findById(id: string): Promise<OperatorRow | undefined> {
    return this.db<OperatorRow>('operators').where({ id }).first();
  }

  findByEmail(email: string): Promise<OperatorRow | undefined> {
    return this.db<OperatorRow>('operators').whereRaw('lower(email) = ?', [email.toLowerCase()]).first();
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

  /** available: takes new conversations; away: keeps chatting, takes none; offline: not connected */
  async setPresence(id: string, presence: 'available' | 'away' | 'offline'): Promise<void> {
    await this.db('operators').where({ id }).update({ presence });
  }

  async markAssigned(id: string, now: number): Promise<void> {
    await this.db('operators').where({ id }).update({ last_assigned_at: now });
  }

  listAvailable(): Promise<OperatorRow[]> {
    return this.db<OperatorRow>('operators').where({ presence: 'available' });
  }

  async insert(row: NewOperator): Promise<void> {
    await this.db('operators').insert({ teams: '[]', last_assigned_at: null, ...row });
  }

  /** Inserts unless the email is taken (another engine starting at the same time); true when inserted. */
  async insertIfNew(row: NewOperator): Promise<boolean> {
    const inserted = await this.db('operators').insert({ teams: '[]', last_assigned_at: null, ...row }).onConflict('email').ignore().returning('id');
    return inserted.length === 1;
  }
}
