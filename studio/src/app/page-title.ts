import { msg } from '@lit/localize';
import { Route } from './routes.ts';

/** asked at each title change: msg() answers in the language of the moment */
const pageName = (route: Route): string =>
  ({
    login: msg('Sign in'),
    invite: msg('Invitation'),
    inbox: msg('Inbox'),
    flows: msg('Flows'),
    dashboard: msg('Dashboard'),
    jobs: msg('Jobs'),
    relay: msg('Relay'),
    channels: msg('Channels'),
    team: msg('Team'),
    audit: msg('Audit'),
    account: msg('Account'),
    simulator: msg('Simulator'),
  })[route];

/** The browser tab's title: "(3) Inbox · Baton" while three customer messages wait to be read. */
export function pageTitle(route: Route, unread: number): string {
  return `${unread > 0 ? `(${unread}) ` : ''}${pageName(route)} · Baton`;
}
