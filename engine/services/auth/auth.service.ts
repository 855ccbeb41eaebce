/**
 * Signing in and out, and what everyone does to their own account: the password, MFA, an invite. Sessions
 * themselves are SessionService's; the team (other operators) is TeamService's.
 */
import { randomUUID } from 'node:crypto';
import type { LoginRequest, MeResponse, MfaCodeRequest, MfaEnableResponse, MfaSetupResponse, OperatorDto, SessionRestriction } from '../../contracts/rest.ts';
import { conflict, notFound, UserError, unauthorized } from '../../errors.ts';
import { toOperatorDto, type OperatorRow } from '../../store/repositories/operators.repo.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import type { Store } from '../../store/store.ts';
import { AuditAction, type AuditService } from '../audit/audit.service.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { checkTotp, enrolment, hashRecoveryCode, newRecoveryCodes, newTotpSecret } from './mfa.ts';
import { generatePassword, needsRehash } from './password.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { checkNewPassword } from './password-policy.ts';
import { actorOf, type Principal } from './principal.ts';
import { hashToken, refreshTokenSession } from './refresh-token.ts';
import type { SecuritySettings } from './security-settings.ts';
import { RefreshReuseError, type ClientInfo, type IssuedSession, type SessionService } from './session.service.ts';
import type { TotpSecrets } from './totp-secrets.ts';

export interface FirstAdmin {
  email: string;
  /** set only when Baton generated the password: it is shown once, never stored in clear, and must be changed */
  generatedPassword: string | null;
}

export interface SignedIn {
  session: IssuedSession;
  operator: OperatorDto;
}

export interface AuthDeps {
  store: Store;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  sessions: SessionService;
  security: SecuritySettings;
  audit: AuditService;
  /** TOTP secrets sealed at rest when BATON_ENCRYPTION_KEY is set */
  totpSecrets: TotpSecrets;
  now: () => number;
}

const wrongPassword = () => unauthorized('Wrong email or password');

export class AuthService {
  /** verifying against a real hash even for an unknown email keeps both answers equally slow */
  private decoyHash: Promise<string> | null = null;

  constructor(private readonly deps: AuthDeps) {}

  /** Creates the first admin when there is no operator yet, or the configured admin when missing. */
  async ensureAdmin(email: string | null, password: string | null): Promise<FirstAdmin | null> {
    const { store, hasher, now } = this.deps;
    const count = await store.operators.count();
    if (email && (await store.operators.findByEmail(email))) return null;
    if (!email && count > 0) return null;
    const adminEmail = email ?? 'admin@baton.local';
    const adminPassword = password ?? generatePassword();
    // engines starting together on one database race here: the first insert wins, the others say nothing
    const created = await store.operators.insertIfNew({
      id: randomUUID(),
      email: adminEmail,
      name: 'Admin',
      role: 'admin',
      skills: '[]',
      capacity: 10,
      presence: 'offline',
      password_hash: await hasher.hash(adminPassword),
      totp_secret: null,
      created_at: now(),
      // a password printed on a console must be replaced at the first sign-in
      must_change_password: password === null,
    });
    if (!created) return null;
    return { email: adminEmail, generatedPassword: password ? null : adminPassword };
  }

  async login(request: LoginRequest, client: ClientInfo): Promise<SignedIn> {
    const { store, hasher, throttle, audit } = this.deps;
    const address = client.address ?? 'unknown';
    await throttle.check(request.email, address);
    const operator = await store.operators.findByEmail(request.email);
    this.decoyHash ??= hasher.hash(randomUUID());
    const ok = await hasher.verify(request.password, operator?.password_hash ?? (await this.decoyHash));
    const failed = async (reason: string, error: UserError) => {
      await throttle.failed(request.email, address);
      await audit.record({ action: AuditAction.LOGIN_FAILED, actor: operator ? { operatorId: operator.id, role: operator.role, email: operator.email } : null, actorEmail: request.email, address: client.address, details: { reason } });
      return error;
    };
    if (!operator || !ok) throw await failed('password', wrongPassword());
    if (!operator.active) {
      await audit.record({ action: AuditAction.LOGIN_FAILED, actor: { operatorId: operator.id, role: operator.role, email: operator.email }, address: client.address, details: { reason: 'deactivated' } });
      throw new UserError(403, 'account_disabled', 'This account is deactivated: ask an admin');
    }
    if (operator.totp_secret !== null) {
      if (!request.otp && !request.recoveryCode) throw new UserError(401, 'otp_required', 'Enter the code from your authenticator app');
      if (!(await this.secondFactor(operator, request))) throw await failed('otp', new UserError(401, 'otp_invalid', 'That code is not right (or was already used)'));
    }
    await throttle.succeeded(request.email);
    // hashes of an older scheme are replaced while the password is at hand
    if (needsRehash(operator.password_hash)) await store.operators.setPassword(operator.id, await hasher.hash(request.password), Boolean(operator.must_change_password));
    return this.signIn(operator, client, { mfa: operator.totp_secret !== null, recoveryCode: Boolean(request.recoveryCode) });
  }

  /** A new access token from the refresh cookie; a reused refresh token ends its session and is audited. */
  async refresh(refreshToken: string, active: boolean, client: ClientInfo): Promise<SignedIn> {
    try {
      const session = await this.deps.sessions.refresh(refreshToken, active);
      const operator = await this.deps.store.operators.findById(session.operatorId);
      if (!operator) throw unauthorized('This operator no longer exists');
      return { session, operator: toOperatorDto(operator) };
    } catch (error) {
      if (error instanceof RefreshReuseError) {
        await this.deps.audit.record({ action: AuditAction.REFRESH_REUSED, actor: null, address: client.address, target: { type: 'session', id: error.sessionId }, details: { operatorId: error.operatorId } });
      }
      throw error;
    }
  }

  async logout(principal: Principal): Promise<void> {
    await this.deps.sessions.end(principal.sessionId, 'signed_out', 'signed_out');
    await this.deps.audit.record({ action: AuditAction.LOGOUT, actor: actorOf(principal), target: { type: 'session', id: principal.sessionId } });
  }

  /** Sign-out with only the refresh cookie (the access token expired): ends that session if the token is its own. */
  async logoutByRefreshToken(refreshToken: string, client: ClientInfo): Promise<void> {
    const { store, sessions, audit } = this.deps;
    const sessionId = refreshTokenSession(refreshToken);
    const session = sessionId ? await store.sessions.findById(sessionId) : undefined;
    if (!session || session.revoked_at !== null) return;
    const presented = hashToken(refreshToken);
    if (presented !== session.refresh_hash && presented !== session.previous_hash) return;
    await sessions.end(session.id, 'signed_out', 'signed_out');
    const operator = await store.operators.findById(session.operator_id);
    const actor = operator ? { operatorId: operator.id, role: operator.role, email: operator.email, address: client.address } : null;
    await audit.record({ action: AuditAction.LOGOUT, actor, address: client.address, target: { type: 'session', id: session.id } });
  }

  async me(principal: Principal): Promise<MeResponse> {
    const operator = await this.operator(principal.operatorId);
    return { operator: toOperatorDto(operator), restriction: principal.restriction };
  }

  /** Everyone changes their own password; their other sessions end, this one goes on (unrestricted). */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<MeResponse> {
    const { store, hasher, throttle, sessions, audit } = this.deps;
    const operator = await this.operator(principal.operatorId);
    await throttle.check(operator.email, principal.address ?? 'unknown');
    if (!(await hasher.verify(currentPassword, operator.password_hash))) {
      await throttle.failed(operator.email, principal.address ?? 'unknown');
      throw new UserError(403, 'wrong_password', 'The current password is not right');
    }
    checkNewPassword(newPassword, operator.email);
    if (currentPassword === newPassword) throw new UserError(400, 'same_password', 'Choose a password different from the current one');
    await store.operators.setPassword(operator.id, await hasher.hash(newPassword), false);
    await sessions.endAll(operator.id, 'password_changed', principal.sessionId);
    const restriction = await this.restrictionFor({ ...operator, must_change_password: false });
    await sessions.setRestriction(operator.id, restriction);
    await audit.record({ action: AuditAction.PASSWORD_CHANGED, actor: actorOf(principal), target: { type: 'operator', id: operator.id } });
    return { operator: toOperatorDto(await this.operator(operator.id)), restriction };
  }

  /** Starts MFA enrolment: a new secret, in force only once a code from it is confirmed (mfaEnable). */
  async mfaSetup(principal: Principal): Promise<MfaSetupResponse> {
    const operator = await this.operator(principal.operatorId);
    if (operator.totp_secret !== null) throw conflict('mfa_enabled', 'MFA is already on: turn it off first to enrol another device');
    const secret = newTotpSecret();
    await this.deps.store.operators.setPendingMfa(operator.id, this.deps.totpSecrets.seal(operator.id, secret));
    return { secret, ...(await enrolment(secret, operator.email)) };
  }

  async mfaEnable(principal: Principal, otp: string): Promise<MfaEnableResponse> {
    const { store, sessions, audit, totpSecrets, now } = this.deps;
    const operator = await this.operator(principal.operatorId);
    if (operator.totp_secret !== null) throw conflict('mfa_enabled', 'MFA is already on');
    if (operator.totp_pending_secret === null) throw conflict('mfa_not_set_up', 'Start with POST /api/me/mfa/setup');
    const step = await checkTotp(totpSecrets.open(operator.id, operator.totp_pending_secret), otp, now());
    if (step === null) throw new UserError(400, 'otp_invalid', 'That code is not right: check the time on your phone and try the next one');
    const { codes, hashes } = newRecoveryCodes();
    await store.operators.setMfa(operator.id, { totp_secret: operator.totp_pending_secret, totp_pending_secret: null, recovery_codes: JSON.stringify(hashes), totp_last_step: step });
    const updated = await this.operator(operator.id);
    await sessions.setRestriction(operator.id, await this.restrictionFor(updated));
    await audit.record({ action: AuditAction.MFA_ENABLED, actor: actorOf(principal), target: { type: 'operator', id: operator.id } });
    return { recoveryCodes: codes, operator: toOperatorDto(updated) };
  }

  async mfaDisable(principal: Principal, code: MfaCodeRequest): Promise<MeResponse> {
    const { store, security, audit } = this.deps;
    const operator = await this.operator(principal.operatorId);
    if (operator.totp_secret === null) throw conflict('mfa_disabled', 'MFA is not on');
    if (await security.mfaRequiredFor(operator.role)) throw conflict('mfa_required', `MFA is required for the ${operator.role} role`);
    if (!(await this.secondFactor(operator, code))) throw new UserError(400, 'otp_invalid', 'That code is not right (or was already used)');
    await store.operators.setMfa(operator.id, { totp_secret: null, totp_pending_secret: null, recovery_codes: '[]', totp_last_step: null });
    await audit.record({ action: AuditAction.MFA_DISABLED, actor: actorOf(principal), target: { type: 'operator', id: operator.id } });
    return { operator: toOperatorDto(await this.operator(operator.id)), restriction: principal.restriction };
  }

  async inviteInfo(token: string): Promise<{ email: string; name: string; expiresAt: number }> {
    const operator = await this.invited(token);
    return { email: operator.email, name: operator.name, expiresAt: operator.invite_expires_at ?? 0 };
  }

  /** The invited operator chooses a password and is signed in. */
  async acceptInvite(token: string, password: string, client: ClientInfo): Promise<SignedIn> {
    const { store, hasher, audit } = this.deps;
    const operator = await this.invited(token);
    checkNewPassword(password, operator.email);
    await store.operators.setPassword(operator.id, await hasher.hash(password), false);
    await audit.record({ action: AuditAction.INVITE_ACCEPTED, actor: { operatorId: operator.id, role: operator.role, email: operator.email }, address: client.address, target: { type: 'operator', id: operator.id } });
    return this.signIn({ ...operator, must_change_password: false }, client, { invite: true });
  }

  private async signIn(operator: OperatorRow, client: ClientInfo, details: Record<string, unknown>): Promise<SignedIn> {
    const { store, sessions, audit, now } = this.deps;
    const restriction = await this.restrictionFor(operator);
    const session = await sessions.open(operator.id, restriction, client);
    await store.operators.markSignedIn(operator.id, now());
    await audit.record({
      action: AuditAction.LOGIN,
      actor: { operatorId: operator.id, role: operator.role, email: operator.email },
      address: client.address,
      target: { type: 'session', id: session.sessionId },
      details: { ...details, restriction },
    });
    return { session, operator: toOperatorDto((await store.operators.findById(operator.id)) ?? operator) };
  }

  /** What the next session may do until a step is done. */
  private async restrictionFor(operator: Pick<OperatorRow, 'must_change_password' | 'role' | 'totp_secret'>): Promise<SessionRestriction | null> {
    if (operator.must_change_password) return 'password_change';
    if (operator.totp_secret === null && (await this.deps.security.mfaRequiredFor(operator.role))) return 'mfa_enrollment';
    return null;
  }

  /** A TOTP code (each step once) or a recovery code (each once). */
  private async secondFactor(operator: OperatorRow, code: MfaCodeRequest): Promise<boolean> {
    const { store, totpSecrets, now } = this.deps;
    if (operator.totp_secret === null) return false;
    if (code.otp) {
      const step = await checkTotp(totpSecrets.open(operator.id, operator.totp_secret), code.otp, now());
      return step !== null && (await store.operators.useTotpStep(operator.id, step));
    }
    if (code.recoveryCode) {
      const hashes = parseJson<string[]>(operator.recovery_codes, []);
      const hashed = hashRecoveryCode(code.recoveryCode);
      if (!hashes.includes(hashed)) return false;
      return store.operators.spendRecoveryCode(operator.id, operator.recovery_codes, JSON.stringify(hashes.filter((h) => h !== hashed)));
    }
    return false;
  }

  private async invited(token: string): Promise<OperatorRow> {
    const operator = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await this.deps.store.operators.findByInvite(hashToken(token)) : undefined;
    if (!operator || (operator.invite_expires_at ?? 0) <= this.deps.now() || !operator.active) throw notFound('Invite (it may have expired or been used)');
    return operator;
  }

  private async operator(id: string): Promise<OperatorRow> {
    const operator = await this.deps.store.operators.findById(id);
    if (!operator) throw unauthorized('This operator no longer exists');
    return operator;
  }
}
