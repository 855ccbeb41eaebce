import type { SessionRestriction } from '../../../engine/contracts/rest.ts';
import { session } from '../auth/session.ts';
import { toApiError } from './api-error.ts';
import { connection } from './connection-status.ts';
import { fetchEngine } from './fetch-engine.ts';
import { reachEngine, reportReach } from './reach-engine.ts';

/** 403 codes of a session that must take one step first, and that step */
const RESTRICTIONS: Readonly<Record<string, SessionRestriction>> = {
  password_change_required: 'password_change',
  mfa_enrollment_required: 'mfa_enrollment',
};

/**
 * fetch with the session's bearer token. A 401 gets one refresh and one retry (the token may have
 * expired while the tab slept); if the refresh is refused the session ends, and the error is thrown.
 * A 403 naming a restriction narrows the session, which takes the studio to that step.
 * Non-2xx answers throw an ApiRequestError; no answer at all, an EngineUnreachableError. Reads wait
 * out an unreachable or busy engine and try again (reach-engine.ts); writes are tried once.
 */
export function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return reachEngine(init, () => fetchOnce(path, init));
}

async function fetchOnce(path: string, init: RequestInit): Promise<Response> {
  await session.ready();
  const send = (token: string | null) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetchEngine(path, { ...init, headers });
  };
  const token = session.token;
  let response = await send(token);
  if (response.status === 401 && (await session.refreshAfterRejection(token))) response = await send(session.token);
  if (response.ok) return response;
  const error = await toApiError(response);
  const restriction = error.status === 403 ? RESTRICTIONS[error.code] : undefined;
  if (restriction) session.restrict(restriction);
  throw error;
}

// a round with no read waiting asks who is signed in: any answer at all means the engine is back
connection.probeWith(() => reportReach(() => fetchOnce('/api/me', { headers: { accept: 'application/json' } })).catch(() => undefined));
