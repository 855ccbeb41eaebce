/**
 * What the inbox shows, as a hash route, so a reload or a shared link opens the same view:
 * `#/inbox/<conversationId>?tab=active&assignee=me&team=sales&tag=vip&channel=shop&q=ann&view=info`.
 * The status tab is left out while it is Waiting (the default), each filter while it is off. `view=info`
 * is the customer-info view on a phone, where one view shows at a time: list (no conversation), thread
 * (a conversation), info (a conversation and view=info).
 */
import type { ConversationStatus } from '../../../engine/contracts/conversation.ts';
import { Route, hrefFor, parsePlace } from '../app/routes.ts';
import { filterParams, filtersFrom, type InboxFilters } from './inbox-filters.ts';

export const PhoneView = { LIST: 'list', THREAD: 'thread', INFO: 'info' } as const;
export type PhoneView = (typeof PhoneView)[keyof typeof PhoneView];

export interface InboxLocation {
  conversationId: string | null;
  tab: ConversationStatus;
  filters: InboxFilters;
  /** the search box's text */
  query: string;
  /** the customer info rather than the thread (phones only; wider screens show both) */
  info: boolean;
}

const TABS: Readonly<Record<string, ConversationStatus>> = { waiting: 'WAITING', active: 'ACTIVE', closed: 'CLOSED' };

export function parseInboxLocation(hash: string): InboxLocation {
  const place = parsePlace(hash);
  const params = new URLSearchParams(place?.query ?? '');
  const conversationId = place?.route === Route.INBOX ? place.param : null;
  return {
    conversationId,
    tab: TABS[params.get('tab')?.toLowerCase() ?? ''] ?? 'WAITING',
    filters: filtersFrom(params),
    query: params.get('q')?.trim().slice(0, 100) ?? '',
    info: conversationId !== null && params.get('view') === PhoneView.INFO,
  };
}

export function inboxHash(location: InboxLocation): string {
  const params = new URLSearchParams();
  if (location.tab !== 'WAITING') params.set('tab', location.tab.toLowerCase());
  for (const [name, value] of filterParams(location.filters)) params.set(name, value);
  if (location.query.trim()) params.set('q', location.query.trim());
  if (location.info && location.conversationId !== null) params.set('view', PhoneView.INFO);
  return hrefFor(Route.INBOX, location.conversationId, params);
}

/** which single view a phone shows for this location */
export const phoneViewOf = (location: Pick<InboxLocation, 'conversationId' | 'info'>): PhoneView =>
  location.conversationId === null ? PhoneView.LIST : location.info ? PhoneView.INFO : PhoneView.THREAD;

/** where a phone's Back button goes: info -> thread -> list, the tab and filters kept */
export function parentLocation(location: InboxLocation): InboxLocation {
  return location.info ? { ...location, info: false } : { ...location, conversationId: null, info: false };
}
