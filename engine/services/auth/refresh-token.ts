/**
 * Refresh tokens: `<session id>.<32 random bytes>`. Only a SHA-256 of the current one (and of the one before it)
 * is stored, so a database dump does not hand out sessions. The session id in front finds the family when an
 * old token comes back (reuse: the whole family is ended).
 */
import { createHash, randomBytes } from 'node:crypto';

export const REFRESH_COOKIE = 'baton_refresh';

export function newRefreshToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** the session id a refresh token names, or null when it is not shaped like one */
export function refreshTokenSession(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match?.[1] ?? null;
}
