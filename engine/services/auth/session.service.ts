/**
 * Sign-in sessions on the server. A session is one sign-in: a family of refresh tokens, each rotated on use
 * (kept in an httpOnly cookie by the transport), and short-lived access tokens issued from it. Every access
 * token is checked against its session on every request and socket, so ending a session (sign-out, password
 * change, deactivation, idle time, a refresh token used twice) refuses its tokens at once, on every engine.
 */
import { randomUUID } from 'node:crypto';
import type { Role, SessionRestriction } from '../../contracts/rest.ts';
import type { SessionEndReason } from '../../contracts/socket-events.ts';
import { UserError, unauthorized } from '../../errors.ts';
import type { SessionRow } from '../../store/repositories/sessions.repo.ts';
import type { Store } from '../../store/store.ts';
import type { AccessTokens } from './access-token.ts';
import type { Principal } from './principal.ts';
import { hashToken, newRefreshToken, refreshTokenSession } from './refresh-token.ts';
import { operatorChannels } from '../../store/repositories/operators.repo.ts';

export interface SessionOptions {
  /** the session ends after this long without activity */
  idleTimeoutMs: number;
  /** and after this long whatever happens */
  maxAgeMs: number;
}

/** Where ended sessions are told to their live sockets (the realtime gateway). */
export interface SessionSockets {
  end(target: { sessionIds: string[] } | { operatorId: string }, reason: SessionEndReason): void;
}

export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  expiresAt: number;
  refreshToken: string;
  /** when the refresh cookie should expire */
  refreshExpiresAt: number;
  restriction: SessionRestriction | null;
}

/** Where a request came from, kept with the session (the Team page and the audit log show it). */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

/** A concurrent refresh from another tab may present the token just replaced, within this long. */
const ROTATION_GRACE_MS = 10_000;
/** last activity is written at most this often per session (not on every request) */
const TOUCH_EVERY_MS = 60_000;

export const sessionEnded = (message: string) => new UserError(401, 'session_ended', message);

export class SessionService {
  private sockets: SessionSockets = { end() {} };

  constructor(
    private readonly store: Store,
    private readonly tokens: AccessTokens,
    private readonly options: SessionOptions,
    private readonly now: () => number,
  ) {}

  /** The gateway exists only once the HTTP server does. */
  attachSockets(sockets: SessionSockets): void {
    this.sockets = sockets;
  }

  get idleTimeoutSeconds(): number {
    return Math.round(this.options.idleTimeoutMs / 1000);
  }

  async open(operatorId: string, restriction: SessionRestriction | null, client: ClientInfo): Promise<IssuedSession> {
    const at = this.now();
    const id = randomUUID();
    const refreshToken = newRefreshToken(id);
    const expiresAt = at + this.options.maxAgeMs;
    await this.store.sessions.insert({
      id,
      operator_id: operatorId,
      refresh_hash: hashToken(refreshToken),
      rotated_at: at,
      restriction,
      created_at: at,
      last_active_at: at,
      expires_at: expiresAt,
      address: client.address?.slice(0, 64) ?? null,
      user_agent: client.userAgent?.slice(0, 200) ?? null,
    });
    const access = await this.tokens.issue(operatorId, id, at);
    return { sessionId: id, accessToken: access.token, expiresAt: access.expiresAt, refreshToken, refreshExpiresAt: expiresAt, restriction };
  }

  /**
   * A new access token and a new refresh token for a refresh token. The token just replaced is accepted again
   * for a few seconds (two tabs refreshing at once); any older one means it was copied: the family ends.
   * `active`: the person used the studio since the last refresh.
   */
  async refresh(refreshToken: string, active: boolean): Promise<IssuedSession & { operatorId: string }> {
    const sessionId = refreshTokenSession(refreshToken);
    const session = sessionId ? await this.store.sessions.findById(sessionId) : undefined;
    if (!session) throw sessionEnded('Sign in again');
    const at = this.now();
    await this.checkLive(session, at);
    const presented = hashToken(refreshToken);
    const replacedJustNow = presented === session.previous_hash && at - session.rotated_at <= ROTATION_GRACE_MS;
    if (presented !== session.refresh_hash && !replacedJustNow) {
      await this.end(session.id, 'revoked', 'refresh_reused');
      throw new RefreshReuseError(session.operator_id, session.id);
    }
    const next = newRefreshToken(session.id);
    if (!(await this.store.sessions.rotate(session.id, session.refresh_hash, hashToken(next), at, active))) {
      // another refresh rotated it between our read and our write: this one lost, the other tab has the token
      throw sessionEnded('Sign in again');
    }
    const access = await this.tokens.issue(session.operator_id, session.id, at);
    return {
      sessionId: session.id,
      operatorId: session.operator_id,
      accessToken: access.token,
      expiresAt: access.expiresAt,
      refreshToken: next,
      refreshExpiresAt: session.expires_at,
      restriction: session.restriction,
    };
  }

  /** The principal behind a bearer token, checked against the session now; 401 for anything else. */
  async authenticate(accessToken: string | undefined, address: string | null): Promise<Principal> {
    const claims = accessToken ? await this.tokens.verify(accessToken, this.now()) : null;
    if (!claims) throw unauthorized('Invalid or expired token');
    const session = await this.store.sessions.withOperator(claims.sid);
    if (!session || session.operator_id !== claims.sub) throw sessionEnded('Sign in again');
    const at = this.now();
    await this.checkLive(session, at);
    if (!session.active) {
      await this.end(session.id, 'revoked', 'deactivated');
      throw sessionEnded('This account is deactivated');
    }
    if (at - session.last_active_at > TOUCH_EVERY_MS) await this.store.sessions.touch(session.id, at);
    return {
      operatorId: session.operator_id,
      sessionId: session.id,
      email: session.email,
      name: session.name,
      role: session.role,
      restriction: session.restriction,
      address,
      tokenExpiresAt: claims.exp * 1000,
      channels: operatorChannels(session),
    };
  }

  /**
   * Which of these live sockets' sessions must end now, and why: revoked or expired (here or by another engine
   * or the command line), idle too long, operator deactivated, or a role other than the one the socket has.
   */
  async recheck(sockets: readonly { sessionId: string; role: Role }[]): Promise<Map<string, SessionEndReason>> {
    const at = this.now();
    const rows = new Map((await this.store.sessions.withOperators([...new Set(sockets.map((s) => s.sessionId))])).map((row) => [row.id, row]));
    const ended = new Map<string, SessionEndReason>();
    for (const { sessionId, role } of sockets) {
      const row = rows.get(sessionId);
      if (!row || row.revoked_at !== null || row.expires_at <= at || !row.active) ended.set(sessionId, 'revoked');
      else if (at - row.last_active_at > this.options.idleTimeoutMs) ended.set(sessionId, 'signed_out');
      else if (row.role !== role) ended.set(sessionId, 'role_changed');
    }
    return ended;
  }

  /** Ends one session (sign-out) and its sockets. */
  async end(sessionId: string, socketReason: SessionEndReason, reason: string): Promise<void> {
    await this.store.sessions.revoke(sessionId, reason, this.now());
    this.sockets.end({ sessionIds: [sessionId] }, socketReason);
  }

  /** Ends every session of an operator but `keep` (password changed, deactivated, password reset by an admin). */
  async endAll(operatorId: string, reason: string, keep: string | null = null): Promise<void> {
    const ended = await this.store.sessions.revokeAll(operatorId, reason, this.now(), keep);
    if (keep === null) this.sockets.end({ operatorId }, 'revoked');
    else if (ended.length > 0) this.sockets.end({ sessionIds: ended }, 'revoked');
  }

  /** The operator's role changed: their sockets reconnect (with a refreshed token) to the rooms of the new role. */
  roleChanged(operatorId: string): void {
    this.sockets.end({ operatorId }, 'role_changed');
  }

  async setRestriction(operatorId: string, restriction: SessionRestriction | null): Promise<void> {
    await this.store.sessions.setRestriction(operatorId, restriction);
  }

  private async checkLive(session: SessionRow, at: number): Promise<void> {
    if (session.revoked_at !== null) throw sessionEnded(session.revoked_reason === 'idle' ? 'Signed out after a while without activity' : 'Sign in again');
    if (session.expires_at <= at) throw sessionEnded('The session is over: sign in again');
    if (at - session.last_active_at > this.options.idleTimeoutMs) {
      await this.end(session.id, 'signed_out', 'idle');
      throw sessionEnded('Signed out after a while without activity');
    }
  }
}

/** A refresh token came back after it was replaced: it was copied. The session is already ended. */
export class RefreshReuseError extends UserError {
  constructor(
    readonly operatorId: string,
    readonly sessionId: string,
  ) {
    super(401, 'session_ended', 'Sign in again');
  }
}
