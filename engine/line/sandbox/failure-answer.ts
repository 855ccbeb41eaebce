import type { ApiAnswer, InjectedFailure } from './fake-line-types.ts';
import { lineError } from './fake-line-types.ts';

/** LINE's wording for each status where it documents one. */
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'The request body has 1 error(s)',
  401: 'Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.',
  403: 'Access to this API is not available for your account',
  404: 'Not found',
  409: 'The retry key is already accepted',
  413: 'Request Entity Too Large',
  429: 'The API rate limit has been exceeded. Try again later.',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** The answer an injected failure produces: its body, or LINE's default for the status. */
export function failureAnswer(failure: InjectedFailure): ApiAnswer {
  const message = DEFAULT_MESSAGES[failure.status] ?? `Error ${failure.status}`;
  return {
    status: failure.status,
    body: failure.body ?? lineError(message),
    ...(failure.retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(failure.retryAfterSeconds) } }),
  };
}

/** What LINE answers when the Authorization header is missing or does not carry the channel's token. */
export function authorizationFailure(header: string | undefined, channelAccessToken: string): ApiAnswer | null {
  if (header === `Bearer ${channelAccessToken}`) return null;
  if (header === undefined || !header.startsWith('Bearer ')) {
    return {
      status: 401,
      body: lineError("Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"),
    };
  }
  return { status: 401, body: lineError(DEFAULT_MESSAGES[401] ?? 'Unauthorized') };
}
