/** Operator sign-in, token checks, and the first admin. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { LoginResponse, OperatorDto } from '../../contracts/rest.ts';
import { unauthorized } from '../../errors.ts';
import { toOperatorDto } from '../../store/repositories/operators.repo.ts';
import type { Store } from '../../store/store.ts';
import { issueToken, verifyToken, type TokenClaims } from './access-token.ts';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';

export interface FirstAdmin {
  email: string;
  /** set only when Baton generated the password: it is shown once and never stored in clear */
  generatedPassword: string | null;
}

// Verifying against a real hash even for an unknown email keeps both answers equally slow.
const decoyHash = hashPassword(randomUUID());

export class AuthService {
  private constructor(
    private readonly store: Store,
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Uses the configured signing key, or the one generated on first start and kept in the database. */
  static async create(store: Store, configuredSecret: string | null, ttlSeconds: number, now: () => number): Promise<AuthService> {
    const secret = configuredSecret ?? (await store.settings.getOrInsert('token_secret', randomBytes(32).toString('base64url')));
    return new AuthService(store, secret, ttlSeconds, now);
  }

  /** Creates the first admin when there is no operator yet, or the configured admin when missing. */
  async ensureAdmin(email: string | null, password: string | null): Promise<FirstAdmin | null> {
    const count = await this.store.operators.count();
    if (email && (await this.store.operators.findByEmail(email))) return null;
    if (!email && count > 0) return null;
    const adminEmail = email ?? 'admin@baton.local';
    const adminPassword = password ?? generatePassword();
    // engines starting together on one database race here: the first insert wins, the others say nothing
    const created = await this.store.operators.insertIfNew({
      id: randomUUID(),
      email: adminEmail,
      name: 'Admin',
      role: 'admin',
      skills: '[]',
      capacity: 10,
      presence: 'offline',
      password_hash: await hashPassword(adminPassword),
      totp_secret: null,
      created_at: this.now(),
    });
    if (!created) return null;
    return { email: adminEmail, generatedPassword: password ? null : adminPassword };
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    const operator = await this.store.operators.findByEmail(email);
    const ok = await verifyPassword(password, operator?.password_hash ?? (await decoyHash));
    if (!operator || !ok) throw unauthorized('Wrong email or password');
    const claims: TokenClaims = {
      sub: operator.id,
      name: operator.name,
      role: operator.role,
      exp: Math.floor(this.now() / 1000) + this.ttlSeconds,
    };
    return { accessToken: issueToken(claims, this.secret), operator: toOperatorDto(operator) };
  }

  /** The claims of a valid token, or a 401. */
  authenticate(token: string | undefined): TokenClaims {
    const claims = token ? verifyToken(token, this.secret, this.now()) : null;
    if (!claims) throw unauthorized('Invalid or expired token');
    return claims;
  }

  async me(operatorId: string): Promise<OperatorDto> {
    const operator = await this.store.operators.findById(operatorId);
    if (!operator) throw unauthorized('This operator no longer exists');
    return toOperatorDto(operator);
  }

  async operators(): Promise<OperatorDto[]> {
    return (await this.store.operators.list()).map(toOperatorDto);
  }
}
