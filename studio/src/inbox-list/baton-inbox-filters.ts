import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import type { ChannelView } from '../../../engine/contracts/channels.ts';
import { isFiltered, NO_FILTERS, type AssigneeFilter, type InboxFilters } from '../inbox/inbox-filters.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { InboxFilterEvent } from './inbox-filter-event.ts';

/** the whose-conversations buttons, asked at each render (msg() answers in the language of the moment) */
const assignees = (): ReadonlyArray<{ value: 'me' | 'unassigned' | 'all'; label: string; title: string }> => [
  { value: 'me', label: msg('Mine'), title: msg('Conversations you hold') },
  { value: 'unassigned', label: msg('Unassigned'), title: msg('Conversations nobody holds yet') },
  { value: 'all', label: msg('All', { id: 'filter-all', desc: 'every conversation, a filter button beside Mine and Unassigned' }), title: msg('Every conversation you may see') },
];

/**
 * The filter bar under the inbox's search: whose conversations (Mine / Unassigned / All), one LINE channel
 * (only while the operator sees more than one), one team, one customer tag (typed, with the tags seen so
 * far offered). Wraps onto more lines on a narrow screen.
 *
 * @event inbox-filter - the filters changed (the tag once typing settles)
 */
export class BatonInboxFilters extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
      }
      [role='group'] {
        display: inline-flex;
      }
      [role='group'] button {
        border-radius: 0;
        margin-left: -1px;
        padding: 4px 10px;
        font-size: 13px;
      }
      [role='group'] button:first-child {
        border-radius: 6px 0 0 6px;
        margin-left: 0;
      }
      [role='group'] button:last-child {
        border-radius: 0 6px 6px 0;
      }
      [role='group'] button[aria-pressed='true'] {
        background: var(--baton-accent-soft);
        color: var(--baton-accent);
        border-color: var(--baton-accent);
        position: relative;
      }
      select,
      input {
        padding: 4px 8px;
        font-size: 13px;
        min-width: 0;
      }
      select {
        max-width: 140px;
      }
      input {
        width: 96px;
      }
      button.clear {
        padding: 4px 8px;
        font-size: 13px;
        border-color: transparent;
        background: none;
        color: var(--baton-accent);
      }
    `,
  ];
  static override properties = {
    filters: { attribute: false },
    teams: { attribute: false },
    tags: { attribute: false },
    assigneeName: { attribute: false },
    channels: { attribute: false },
  };

  declare filters: InboxFilters;
  /** the teams to offer (the operator's, and those of the conversations seen) */
  declare teams: readonly string[];
  /** the customer tags seen so far, offered while typing */
  declare tags: readonly string[];
  /** the name of the operator an `assignee=<id>` link filters on, when known */
  declare assigneeName: string | null;
  /** the LINE channels the operator sees: a choice among them only when there are several */
  declare channels: readonly ChannelView[];

  #tagTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.filters = NO_FILTERS;
    this.teams = [];
    this.tags = [];
    this.assigneeName = null;
    this.channels = [];
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#tagTimer);
    super.disconnectedCallback();
  }

  #change(change: Partial<InboxFilters>): void {
    this.dispatchEvent(new InboxFilterEvent({ ...this.filters, ...change }));
  }

  #onTagInput(event: InputEvent): void {
    if (!(event.target instanceof HTMLInputElement)) return;
    const tag = event.target.value.trim();
    clearTimeout(this.#tagTimer);
    this.#tagTimer = setTimeout(() => this.#change({ tag: tag || null }), 300);
  }

  #renderAssignee(value: AssigneeFilter, label: string, title: string, testId: string) {
    const pressed = typeof value === 'object' ? typeof this.filters.assignee === 'object' : this.filters.assignee === value;
    return html`<button aria-pressed=${pressed ? 'true' : 'false'} title=${title} data-testid=${testId} @click=${() => this.#change({ assignee: value })}>
      ${label}
    </button>`;
  }

  override render() {
    const { assignee, team, tag, channel } = this.filters;
    const teams = [...new Set([...this.teams, ...(team ? [team] : [])])].sort();
    return html`<div role="group" aria-label=${msg('Whose conversations')}>
        ${assignees().map(({ value, label, title }) => this.#renderAssignee(value, label, title, `filter-assignee-${value}`))}
        ${typeof assignee === 'object'
          ? this.#renderAssignee(assignee, this.assigneeName ?? msg('One operator'), msg('Conversations one operator holds (from a link)'), 'filter-assignee-operator')
          : nothing}
      </div>
      ${this.channels.length > 1
        ? html`<select
            aria-label=${msg('LINE account')}
            data-testid="filter-channel"
            @change=${(e: Event) => this.#change({ channel: e.target instanceof HTMLSelectElement && e.target.value ? e.target.value : null })}
          >
            <option value="" ?selected=${channel === null}>${msg('All accounts', { desc: 'the LINE account filter of the inbox: no account chosen' })}</option>
            ${this.channels.map((c) => html`<option value=${c.id} ?selected=${channel === c.id}>${c.name}</option>`)}
          </select>`
        : nothing}
      <select aria-label=${msg('Team')} data-testid="filter-team" @change=${(e: Event) => this.#change({ team: e.target instanceof HTMLSelectElement && e.target.value ? e.target.value : null })}>
        <option value="" ?selected=${team === null}>${msg('All teams')}</option>
        ${teams.map((t) => html`<option value=${t} ?selected=${team === t}>${t}</option>`)}
      </select>
      <input
        type="search"
        list="known-tags"
        aria-label=${msg('Customer tag')}
        placeholder=${msg('Tag')}
        data-testid="filter-tag"
        .value=${tag ?? ''}
        @input=${this.#onTagInput}
      />
      <datalist id="known-tags">${this.tags.map((t) => html`<option value=${t}></option>`)}</datalist>
      ${isFiltered(this.filters)
        ? html`<button class="clear" data-testid="filter-clear" @click=${() => this.dispatchEvent(new InboxFilterEvent(NO_FILTERS))}>${msg('Clear filters')}</button>`
        : nothing}`;
  }
}

customElements.define('baton-inbox-filters', BatonInboxFilters);

declare global {
  interface HTMLElementTagNameMap {
    'baton-inbox-filters': BatonInboxFilters;
  }
}
