import type { InboxFilters } from '../inbox/inbox-filters.ts';

/** The operator changed the inbox's filters (whose, team, tag). */
export class InboxFilterEvent extends Event {
  static readonly eventName = 'inbox-filter';
  readonly filters: InboxFilters;
  constructor(filters: InboxFilters) {
    super(InboxFilterEvent.eventName, { bubbles: true, composed: true });
    this.filters = filters;
  }
}
