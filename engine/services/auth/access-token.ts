/**
 * Access tokens: short-lived JWTs (HS256, jose) naming the operator and the session they belong to. The token
 * alone is never enough: every use also checks the session on the server (SessionService.authenticate), so
 * signing out, a role change or a deactivation counts at once, not when the token expires.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

export interface AccessClaims {
  /** operator id */
  sub: string;
  /** session id: the refresh-token family this token was issued from */
  sid: string;
  /** expiry, epoch seconds */
  exp: number;
}

const ISSUER = 'baton';
const AUDIENCE = 'baton-api';

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(operatorId: string, sessionId: string, nowMs: number): Promise<{ token: string; expiresAt: number }> {
    const issuedAt = Math.floor(nowMs / 1000);
    const exp = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(operatorId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /** The claims of a well-signed, unexpired token; null for anything else. */
  async verify(token: string, nowMs: number): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(nowMs),
        requiredClaims: ['sub', 'sid', 'exp'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return null;
      return { sub: payload.sub, sid: payload.sid, exp: payload.exp };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}
