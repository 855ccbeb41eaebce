/** Hash routes of the studio; the hash keeps routing working under any path the engine serves us from. */
import type { Role } from '../../../engine/contracts/rest.ts';

export const Route = {
  LOGIN: 'login',
  INVITE: 'invite',
  INBOX: 'inbox',
  FLOWS: 'flows',
  DASHBOARD: 'dashboard',
  JOBS: 'jobs',
  TEAM: 'team',
  AUDIT: 'audit',
  ACCOUNT: 'account',
  SIMULATOR: 'simulator',
} as const;
export type Route = (typeof Route)[keyof typeof Route];

/** a route and its one parameter (the invite token of #/invite/<token>) */
export interface Place {
  route: Route;
  param: string | null;
}

const ROUTES: readonly Route[] = Object.values(Route);
const EVERYONE: readonly Role[] = ['admin', 'supervisor', 'operator'];
const SUPERVISORS: readonly Role[] = ['admin', 'supervisor'];

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
  team: SUPERVISORS,
  audit: SUPERVISORS,
};

export function parsePlace(hash: string): Place | null {
  const [name = '', param] = hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/') ?? [];
  const route = ROUTES.find((r) => r === name);
  if (!route) return null;
  let decoded: string | null = null;
  try {
    decoded = param ? decodeURIComponent(param) : null;
  } catch {
    decoded = null;
  }
  return { route, param: decoded };
}

export const hrefFor = (route: Route, param: string | null = null): string =>
  `#/${route}${param === null ? '' : `/${encodeURIComponent(param)}`}`;

export const isPublic = (route: Route): boolean => ROUTE_ACCESS[route] === 'public';

export function mayOpen(route: Route, role: Role): boolean {
  const access = ROUTE_ACCESS[route];
  return access === 'public' || access.includes(role);
}
