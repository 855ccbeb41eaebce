import type { SessionRestriction } from '../../../engine/contracts/rest.ts';
import { session } from '../auth/session.ts';
import { toApiError } from './api-error.ts';

/** 403 codes of a session that must take one step first, and that step */
const RESTRICTIONS: Readonly<Record<string, SessionRestriction>> = {
  password_change_required: 'password_change',
  mfa_enrollment_required: 'mfa_enrollment',
};

/**
 * fetch with the session's bearer token. A 401 gets one refresh and one retry (the token may have
 * expired while the tab slept); if the refresh is refused the session ends, and the error is thrown.
 * A 403 naming a restriction narrows the session, which takes the studio to that step.
 * Non-2xx answers throw an ApiRequestError.
 */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  await session.ready();
  const send = (token: string | null) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(path, { ...init, headers });
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
