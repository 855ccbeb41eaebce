/** Operators the tests add next to the first admin: signed in with a password, offline until they choose. */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../engine/services/auth/password.ts';
import type { Store } from '../../engine/store/store.ts';

export interface NewTestOperator {
  email: string;
  password: string;
  name: string;
  role?: 'admin' | 'supervisor' | 'operator';
  /** conversations auto-assignment may give them at once */
  capacity?: number;
}

export async function addOperator(store: Store, operator: NewTestOperator): Promise<void> {
  await store.operators.insert({
    id: randomUUID(), email: operator.email, name: operator.name, role: operator.role ?? 'operator', skills: '[]',
    capacity: operator.capacity ?? 3, presence: 'offline', password_hash: await hashPassword(operator.password),
    totp_secret: null, created_at: Date.now(),
  });
}
