/** Hash routes of the studio; the hash keeps routing working under any path the engine serves us from. */
import type { Role } from '../../../engine/contracts/rest.ts';

export const Route = {
  LOGIN: 'login',
  INVITE: 'invite',
  INBOX: 'inbox',
  FLOWS: 'flows',
  DASHBOARD: 'dashboard',
  JOBS: 'jobs',
  RELAY: 'relay',
  CHANNELS: 'channels',
  TEAM: 'team',
  AUDIT: 'audit',
  ACCOUNT: 'account',
  SIMULATOR: 'simulator',
} as const;
export type Route = (typeof Route)[keyof typeof Route];

/**
 * a route, its one parameter (the invite token of #/invite/<token>, the conversation of #/inbox/<id>) and the
 * query after `?` (the inbox's tab and filters), kept as written so a redirect through sign-in brings it back
 */
export interface Place {
  route: Route;
  param: string | null;
  query?: string;
}

const ROUTES: readonly Route[] = Object.values(Route);
const EVERYONE: readonly Role[] = ['admin', 'supervisor', 'operator'];
const SUPERVISORS: readonly Role[] = ['admin', 'supervisor'];
/** the webhook relay (a target receives every customer's messages) and the LINE channels (their secrets): admins only */
const ADMINS: readonly Role[] = ['admin'];

/**
 * Who may open each page: `public` needs no sign-in, the rest list the roles. The engine enforces the
 * same on every route; this only keeps people from pages that would answer 403.
 * Team and Jobs are read-only for supervisors (the pages themselves hide the admin's actions).
 */
export const ROUTE_ACCESS: Readonly<Record<Route, 'public' | readonly Role[]>> = {
  login: 'public',
  invite: 'public',
  inbox: EVERYONE,
  account: EVERYONE,
  simulator: EVERYONE,
  flows: SUPERVISORS,
  dashboard: SUPERVISORS,
  jobs: SUPERVISORS,
  relay: ADMINS,
  channels: ADMINS,
  team: SUPERVISORS,
  audit: SUPERVISORS,
};

export function parsePlace(hash: string): Place | null {
  const [path = '', ...rest] = hash.replace(/^#\/?/, '').split('?');
  const [name = '', param] = path.split('/');
  const route = ROUTES.find((r) => r === name);
  if (!route) return null;
  let decoded: string | null = null;
  try {
    decoded = param ? decodeURIComponent(param) : null;
  } catch {
    decoded = null;
  }
  const query = rest.join('?');
  return query ? { route, param: decoded, query } : { route, param: decoded };
}

/** the query of a hash route as parameters (empty when it has none) */
export const placeQuery = (hash: string): URLSearchParams => new URLSearchParams(parsePlace(hash)?.query ?? '');

export const hrefFor = (route: Route, param: string | null = null, query: string | URLSearchParams = ''): string => {
  const search = query.toString();
  return `#/${route}${param === null ? '' : `/${encodeURIComponent(param)}`}${search ? `?${search}` : ''}`;
};

export const isPublic = (route: Route): boolean => ROUTE_ACCESS[route] === 'public';

export function mayOpen(route: Route, role: Role): boolean {
  const access = ROUTE_ACCESS[route];
  return access === 'public' || access.includes(role);
}
