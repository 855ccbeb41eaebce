/**
 * The /api/auth calls, made with plain fetch: the API client sends every other request through the
 * session, and the session must not depend on it. The refresh token travels only as the httpOnly
 * cookie (path /api/auth), which the browser adds to these same-origin requests.
 */
import type { LoginRequest, LoginResponse, RefreshRequest } from '../../../engine/contracts/rest.ts';
import { toApiError } from '../api/api-error.ts';
import { fetchEngine } from '../api/fetch-engine.ts';

/** A LoginResponse, with how far the engine's clock is ahead of ours (to read `expiresAt` locally). */
export interface SignedIn {
  response: LoginResponse;
  serverAheadMs: number;
}

const LOGOUT_TIMEOUT_MS = 5_000;
/** a refresh holds the lock every tab waits for: one that hangs must not hold it for ever */
const REFRESH_TIMEOUT_MS = 20_000;

async function postJson(path: string, body: unknown, signal?: AbortSignal): Promise<SignedIn> {
  const sentAt = Date.now();
  // no answer at all reads "Can't reach Baton", not the browser's "Failed to fetch"
  const response = await fetchEngine(path, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) throw await toApiError(response);
  const json: LoginResponse = await response.json();
  return { response: json, serverAheadMs: serverAhead(response, sentAt) };
}

/**
 * The Date header has a resolution of one second; only a skew well beyond that and the round trip is
 * worth correcting (a PC whose clock is minutes off would otherwise refresh too late, or constantly).
 */
function serverAhead(response: Response, sentAt: number): number {
  const date = Date.parse(response.headers.get('date') ?? '');
  if (Number.isNaN(date)) return 0;
  const receivedAt = Date.now();
  const ahead = date - (sentAt + receivedAt) / 2;
  return Math.abs(ahead) > 5_000 + (receivedAt - sentAt) ? ahead : 0;
}

export const authClient = {
  login: (body: LoginRequest) => postJson('/api/auth/login', body),
  acceptInvite: (token: string, password: string) => postJson(`/api/invites/${encodeURIComponent(token)}/accept`, { password }),
  refresh: (body: RefreshRequest) => postJson('/api/auth/refresh', body, AbortSignal.timeout(REFRESH_TIMEOUT_MS)),
  /** ends the session on the engine; the bearer token names it when the cookie is gone */
  async logout(token: string | null): Promise<void> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch('/api/auth/logout', {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      // delivered even when the page is closed or reloaded right after
      keepalive: true,
      signal: AbortSignal.timeout(LOGOUT_TIMEOUT_MS),
    });
    if (!response.ok && response.status !== 401) throw await toApiError(response);
  },
};
