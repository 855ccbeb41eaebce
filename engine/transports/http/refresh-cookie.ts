/**
 * The refresh token's cookie: httpOnly (no script reads it), SameSite=Strict (no other site sends it),
 * scoped to /api/auth (only refresh and logout see it), Secure when Baton is reached over https. Written by
 * hand: Koa's cookie helper refuses Secure on a plain-http hop behind a TLS proxy it does not trust.
 */
import type { Context } from 'koa';
import { forbidden } from '../../errors.ts';
import { REFRESH_COOKIE } from '../../services/auth/refresh-token.ts';

export interface CookiePolicy {
  /** BATON_PUBLIC_URL is https */
  secure: boolean;
  /** the origin people open the studio at (BATON_PUBLIC_URL) */
  publicOrigin: string;
}

const PATH = '/api/auth';

export function setRefreshCookie(ctx: Context, policy: CookiePolicy, token: string, expiresAt: number): void {
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  ctx.append('Set-Cookie', `${REFRESH_COOKIE}=${token}; Path=${PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${policy.secure ? '; Secure' : ''}`);
}

export function clearRefreshCookie(ctx: Context, policy: CookiePolicy): void {
  ctx.append('Set-Cookie', `${REFRESH_COOKIE}=; Path=${PATH}; Max-Age=0; HttpOnly; SameSite=Strict${policy.secure ? '; Secure' : ''}`);
}

export function readRefreshCookie(ctx: Context): string | null {
  for (const part of ctx.get('cookie').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return value.join('=') || null;
  }
  return null;
}

/**
 * Requests that act on the cookie must come from the studio's own pages: a browser always sends Origin on a
 * POST, and another site's Origin is refused (belt and braces beside SameSite=Strict). Clients that are not
 * browsers send no Origin and no one else's cookie.
 */
export function assertSameOrigin(ctx: Context, policy: CookiePolicy): void {
  const origin = ctx.get('origin');
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden('Unknown origin');
  }
  if (origin !== policy.publicOrigin && host !== ctx.host) throw forbidden('Requests from another site cannot use the session cookie');
}
