/**
 * Where a relay may send: https anywhere, plain http only to this machine (development: a tool on the
 * developer's laptop). Events carry customers' messages, so they never cross a network unencrypted. A URL
 * with a user name or password is refused: the API shows URLs to admins and they would show the credentials.
 */
import { badRequest } from '../../errors.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
export const MAX_URL_LENGTH = 2000;

/** The URL, normalised; a 400 naming the problem otherwise. */
export function checkRelayUrl(value: string): string {
  if (value.length > MAX_URL_LENGTH) throw badRequest('invalid_url', `The URL is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest('invalid_url', 'Not a URL: give the full address, e.g. https://tool.example.com/line-webhook');
  }
  if (url.username || url.password) throw badRequest('invalid_url', 'The URL must not carry a user name or password');
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return url.href;
  if (url.protocol === 'http:') throw badRequest('invalid_url', 'The URL must use https (plain http is allowed only to localhost or 127.0.0.1, for development)');
  throw badRequest('invalid_url', `The URL must use https, not ${url.protocol.replace(':', '')}`);
}
