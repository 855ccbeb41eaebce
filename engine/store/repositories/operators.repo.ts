import type { Knex } from 'knex';
import type { OperatorDto } from '../../contracts/rest.ts';

export interface OperatorRow {
  id: string;
  email: string;
  name: string;
  role: OperatorDto['role'];
  skills: string;
  capacity: number;
  presence: string;
  password_hash: string;
  totp_secret: string | null;
  created_at: number;
}

export function toOperatorDto(row: OperatorRow): OperatorDto {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
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

  async count(): Promise<number> {
    const row = await this.db('operators').count<{ n: number | string }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async insert(row: OperatorRow): Promise<void> {
    await this.db('operators').insert(row);
  }
}
