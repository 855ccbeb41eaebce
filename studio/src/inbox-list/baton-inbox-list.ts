import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChannelView } from '../../../engine/contracts/channels.ts';
import type { ConversationDto, ConversationStatus, SenderKind } from '../../../engine/contracts/conversation.ts';
import { describeError } from '../api/api-error.ts';
import '../channels/baton-channel-badge.ts';
import { sortForStatus } from '../inbox/conversation-order.ts';
import { statusLabel } from '../chat-thread/status-label.ts';
import { chatSourceLabel, chatSourceStyles } from '../chat-source/chat-source-label.ts';
import { RealtimeStatus } from '../realtime/socket-controller.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { ConversationSelectEvent, SearchEvent, StatusTabEvent } from '../shared/events.ts';
import { formatAge, formatTime, initials, safeImageUrl } from '../shared/format.ts';
import { isFiltered, NO_FILTERS, type InboxFilters } from '../inbox/inbox-filters.ts';
import './baton-inbox-filters.ts';
import { inboxListStyles } from './baton-inbox-list.styles.ts';

const TABS: readonly ConversationStatus[] = ['WAITING', 'ACTIVE', 'CLOSED'];

/** a tab's name, asked at each render (msg() answers in the language of the moment) */
const tabLabel = (status: ConversationStatus): string =>
  ({
    WAITING: msg('Waiting'),
    ACTIVE: msg('Active', { id: 'tab-active', desc: 'the inbox tab of conversations an operator is handling now' }),
    CLOSED: msg('Closed', { id: 'tab-closed', desc: 'the inbox tab of finished conversations' }),
  })[status];

const liveLabel = (status: RealtimeStatus): string =>
  ({ connecting: msg('Connecting…'), live: msg('Live'), reconnecting: msg('Reconnecting…'), rejected: msg('Offline') })[status];

/** the last message's preview: "Bot: …", "Agent: …", or the customer's words as they are */
function preview(senderKind: SenderKind, text: string): string {
  if (senderKind === 'bot') return msg(str`Bot: ${text}`);
  if (senderKind === 'operator') return msg(str`Agent: ${text}`);
  return text;
}

/**
 * The conversation list: search box, filters (whose, team, tag), Waiting / Active / Closed tabs with counts
 * of what the filters let through, one row per conversation.
 * Unread customer messages show as a badge on each row and, summed, on the Waiting and Active tabs.
 * A waiting row shows its queue position (the engine's, the number the customer was told: operators
 * see only their teams' queue, so the list alone cannot count it) and how long it has waited. An active
 * row auto-assigned to an Available operator says so, with the time. While the operator sees more than one
 * LINE channel, each row shows the channel it came through and the filters offer a choice of channel.
 *
 * @slot presence - the operator's availability, under the title
 * @event conversation-select - a row was picked
 * @event status-tab - a tab was picked
 * @event search - the search text settled
 * @event inbox-filter - the filters changed (from baton-inbox-filters)
 */
export class BatonInboxList extends LitElement {
  static override styles = [controlStyles, inboxListStyles, chatSourceStyles];
  static override properties = {
    conversations: { attribute: false },
    unread: { attribute: false },
    tab: { attribute: false },
    selectedId: { attribute: false },
    loading: { attribute: false },
    loadError: { attribute: false },
    realtimeStatus: { attribute: false },
    query: { attribute: false },
    filters: { attribute: false },
    teams: { attribute: false },
    tags: { attribute: false },
    assigneeName: { attribute: false },
    channels: { attribute: false },
  };

  declare conversations: ReadonlyMap<string, ConversationDto>;
  /** unread customer messages per conversation id (absent: none) */
  declare unread: ReadonlyMap<string, number>;
  declare tab: ConversationStatus;
  declare selectedId: string | null;
  declare loading: boolean;
  declare loadError: unknown;
  declare realtimeStatus: RealtimeStatus;
  /** the search text in force (from the URL after a reload, else what was typed) */
  declare query: string;
  declare filters: InboxFilters;
  declare teams: readonly string[];
  declare tags: readonly string[];
  declare assigneeName: string | null;
  /** the LINE channels the operator sees (docs/channels.md): named on each row only when there are several */
  declare channels: readonly ChannelView[];

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #clock: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.conversations = new Map();
    this.unread = new Map();
    this.tab = 'WAITING';
    this.selectedId = null;
    this.loading = false;
    this.loadError = null;
    this.realtimeStatus = RealtimeStatus.CONNECTING;
    this.query = '';
    this.filters = NO_FILTERS;
    this.teams = [];
    this.tags = [];
    this.assigneeName = null;
    this.channels = [];
    updateWhenLocaleChanges(this);
  }

  /** the `/` shortcut */
  focusSearch(): void {
    const search = this.renderRoot.querySelector<HTMLInputElement>('[data-testid="conversation-search"]');
    search?.focus();
    search?.select();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // keep "waiting 5m" ages honest without a reload or a server poll
    this.#clock = setInterval(() => this.requestUpdate(), 30_000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.#clock);
    clearTimeout(this.#searchTimer);
    super.disconnectedCallback();
  }

  #onSearchInput(event: InputEvent): void {
    if (!(event.target instanceof HTMLInputElement)) return;
    const query = event.target.value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.dispatchEvent(new SearchEvent(query)), 250);
  }

  override render() {
    const all = [...this.conversations.values()];
    const count = (status: ConversationStatus) => all.filter((c) => c.status === status).length;
    const unreadIn = (status: ConversationStatus) => all.reduce((sum, c) => sum + (c.status === status ? (this.unread.get(c.id) ?? 0) : 0), 0);
    const rows = sortForStatus(
      this.tab,
      all.filter((c) => c.status === this.tab),
    );
    const liveClass = { live: 'live-on', connecting: '', reconnecting: 'live-warn', rejected: 'live-off' }[this.realtimeStatus];
    return html`<div class="top">
        <div class="title">
          <h2>${msg('Conversations')}</h2>
          <span class="live ${liveClass}" data-testid="realtime-status" data-status=${this.realtimeStatus}
            >${liveLabel(this.realtimeStatus)}</span
          >
        </div>
        <slot name="presence"></slot>
        <input
          type="search"
          placeholder=${msg('Search name or message…')}
          aria-label=${msg('Search conversations')}
          data-testid="conversation-search"
          .value=${this.query}
          @input=${this.#onSearchInput}
        />
        <baton-inbox-filters .filters=${this.filters} .teams=${this.teams} .tags=${this.tags} .assigneeName=${this.assigneeName}
          .channels=${this.channels}
        ></baton-inbox-filters>
        <div role="tablist">
          ${TABS.map(
            (status) =>
              html`<button
                role="tab"
                aria-selected=${this.tab === status ? 'true' : 'false'}
                data-testid="tab-${status.toLowerCase()}"
                @click=${() => this.dispatchEvent(new StatusTabEvent(status))}
              >
                ${tabLabel(status)}<span class="count" data-testid="count-${status.toLowerCase()}">${count(status)}</span
                >${this.#renderUnread(unreadIn(status), `unread-${status.toLowerCase()}`)}
              </button>`,
          )}
        </div>
      </div>
      ${this.loadError ? html`<div class="error" role="alert">${describeError(this.loadError)}</div>` : nothing}
      <ul data-testid="conversation-list" aria-busy=${this.loading ? 'true' : 'false'}>
        ${repeat(
          rows,
          (c) => c.id,
          (c) => this.#renderRow(c),
        )}
        ${rows.length === 0 ? html`<li class="empty">${this.loading ? msg('Loading…') : isFiltered(this.filters) ? msg('No conversations match the filters.') : msg('No conversations here.')}</li>` : nothing}
      </ul>`;
  }

  #renderUnread(unread: number, testId: string) {
    if (unread === 0) return nothing;
    return html`<span class="unread" data-testid=${testId} title=${msg(str`${unread} unread`)} aria-label=${msg(str`${unread} unread`)}>${unread > 99 ? '99+' : unread}</span>`;
  }

  /** an auto-assigned chat never showed in Waiting: say how it arrived rather than letting it just appear */
  #renderAutoAssigned(c: ConversationDto) {
    if (!c.assignedAutomatically || c.claimedAt === null) return nothing;
    const at = formatTime(c.claimedAt);
    return html`<span class="badge auto" data-testid="assigned-automatically" title=${msg(str`Assigned automatically at ${at}: ${c.operatorName ?? msg('the operator')} was Available`)}
      >${msg(str`Auto-assigned ${at}`)}</span
    >`;
  }

  /** which LINE account the conversation came through, once there is more than one to tell apart */
  #renderChannel(c: ConversationDto) {
    if (this.channels.length < 2) return nothing;
    const channel = this.channels.find((ch) => ch.id === c.channelId);
    return channel ? html`<div class="channel"><baton-channel-badge .channel=${channel} data-testid="conversation-channel"></baton-channel-badge></div>` : nothing;
  }

  #renderRow(c: ConversationDto) {
    const picture = safeImageUrl(c.customer.pictureUrl);
    const name = c.customer.displayName ?? c.customer.lineUserId;
    const last = c.lastMessage;
    const side =
      c.status === 'WAITING'
        ? html`${c.queuePosition ? html`<span class="queue-position" data-testid="queue-position">${msg(str`#${c.queuePosition} in queue`)}</span>` : nothing}<span
              class="badge waiting"
              data-testid="queue-wait"
              title=${msg(str`Waiting since ${formatTime(c.createdAt)}`)}
              >${msg(str`waiting ${formatAge(c.createdAt)}`)}</span
            >`
        : c.status === 'ACTIVE'
          ? html`<span>${c.operatorName ?? ''}</span>${this.#renderAutoAssigned(c)}`
          : html`<span class="badge closed" title=${c.closeReason ?? ''}>${c.operatorName ?? statusLabel('CLOSED')}</span>`;
    return html`<li>
      <button
        data-testid="conversation-row"
        data-conversation-id=${c.id}
        aria-current=${this.selectedId === c.id ? 'true' : 'false'}
        @click=${() => this.dispatchEvent(new ConversationSelectEvent(c.id))}
      >
        ${picture ? html`<img class="avatar" src=${picture} alt="" />` : html`<span class="avatar">${initials(name)}</span>`}
        <span class="main">
          <div class="name" data-testid="conversation-name">${chatSourceLabel(c.source)}${name}</div>
          <div class="preview">${last ? preview(last.senderKind, last.text) : msg('No messages yet')}</div>
          ${this.#renderChannel(c)}
        </span>
        <span class="meta"
          >${last ? html`<span>${formatTime(last.at)}</span>` : nothing}${this.#renderUnread(this.unread.get(c.id) ?? 0, 'unread-badge')}${side}</span
        >
      </button>
    </li>`;
  }
}

customElements.define('baton-inbox-list', BatonInboxList);

declare global {
  interface HTMLElementTagNameMap {
    'baton-inbox-list': BatonInboxList;
  }
}
