import { Route } from './routes.ts';

const PAGE_NAMES: Record<Route, string> = {
  login: 'Sign in',
  invite: 'Invitation',
  inbox: 'Inbox',
  flows: 'Flows',
  dashboard: 'Dashboard',
  jobs: 'Jobs',
  team: 'Team',
  audit: 'Audit',
  account: 'Account',
  simulator: 'Simulator',
};

/** The browser tab's title: "(3) Inbox · Baton" while three customer messages wait to be read. */
export function pageTitle(route: Route, unread: number): string {
  return `${unread > 0 ? `(${unread}) ` : ''}${PAGE_NAMES[route]} · Baton`;
}
