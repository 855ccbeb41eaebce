/**
 * Pages other than the inbox and the sign-in load when first opened: most people use the inbox all day and
 * never pay for the flow editor, the dashboard's charts, Jobs, Team, Audit or Account. The element shows as soon as its module arrives
 * (Lit keeps the properties set on it meanwhile).
 */
import { Route } from './routes.ts';

const LOADERS: Partial<Record<Route, () => Promise<unknown>>> = {
  [Route.FLOWS]: () => import('../flows-page/baton-flows-page.ts'),
  // chart.js comes with the dashboard only
  [Route.DASHBOARD]: () => import('../dashboard/baton-dashboard.ts'),
  [Route.JOBS]: () => import('../jobs/baton-jobs.ts'),
  [Route.RELAY]: () => import('../relay/baton-relay.ts'),
  [Route.CHANNELS]: () => import('../channels/baton-channels.ts'),
  [Route.TEAM]: () => import('../team/baton-team.ts'),
  [Route.AUDIT]: () => import('../audit/baton-audit.ts'),
  [Route.ACCOUNT]: () => import('../account/baton-account.ts'),
  [Route.INVITE]: () => import('../invite/baton-invite.ts'),
  [Route.SIMULATOR]: () => import('../simulator/baton-simulator.ts'),
};

const requested = new Set<Route>();

/** Starts loading a page's module, once; a failed load (offline) is tried again on the next visit. */
export function loadPage(route: Route): void {
  const load = LOADERS[route];
  if (!load || requested.has(route)) return;
  requested.add(route);
  load().catch((error: unknown) => {
    requested.delete(route);
    console.error(`could not load the ${route} page`, error);
  });
}
