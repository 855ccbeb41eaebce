import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { ConversationDto, ConversationStatus, MessageDto } from '../../../engine/contracts/conversation.ts';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import type { TypingEvent } from '../../../engine/contracts/socket-events.ts';
import { api } from '../api/api-client.ts';
import { ApiRequestError } from '../api/api-error.ts';
import { Route, parsePlace } from '../app/routes.ts';
import '../chat-thread/baton-chat-thread.ts';
import '../customer-info/baton-customer-info.ts';
import '../inbox-list/baton-inbox-list.ts';
import type { InboxFilterEvent } from '../inbox-list/inbox-filter-event.ts';
import '../presence-toggle/baton-presence-toggle.ts';
import { RealtimeStatus, SocketController } from '../realtime/socket-controller.ts';
import type { ConversationChangeEvent, ConversationSelectEvent, SearchEvent, StatusTabEvent } from '../shared/events.ts';
import { unlockAudioOnGesture } from '../signals/alert-tone.ts';
import '../signals/baton-signal-toggle.ts';
import './baton-inbox-shortcuts.ts';
import { inboxStyles } from './baton-inbox.styles.ts';
import { listConversations } from './conversation-list-client.ts';
import { InboxChannels } from './inbox-channels.ts';
import { matchesQuery, sortForStatus, visibleTo } from './conversation-order.ts';
import { matchesFilters, NO_FILTERS, sameFilters, type InboxFilters } from './inbox-filters.ts';
import { inboxHash, parentLocation, parseInboxLocation, phoneViewOf, PhoneView, type InboxLocation } from './inbox-location.ts';
import { InboxAction } from './inbox-shortcuts.ts';
import { InboxShortcutsController } from './inbox-shortcuts-controller.ts';
import { InboxSignals } from './inbox-signals.ts';

const STATUSES: readonly ConversationStatus[] = ['WAITING', 'ACTIVE', 'CLOSED'];
const PHONE = '(max-width: 700px)';

/** the engine's answers to a link that say the operator may not open the conversation */
const LINK_REFUSALS: readonly number[] = [403, 404];

/** what a link to a conversation the operator may not open says, by the engine's answer (asked at each render: it follows the language) */
function linkRefusal(status: number): string {
  return status === 403
    ? msg("You can't open this conversation: another operator holds it (or held it when it closed). Ask a supervisor if you need it.")
    : msg('This link leads to a conversation that does not exist.');
}

/**
 * The operator's live inbox: conversation list | chat thread | customer info.
 * Holds every loaded conversation (all three statuses, so the tabs can count them) and keeps it
 * current from the socket; the thread loads its own messages. Operators see the queue and their own
 * conversations (the engine filters the lists, and tells them once when a chat leaves the queue or is
 * transferred away, which then leaves their list); supervisors and admins see everything.
 *
 * Filters (whose, team, tag) narrow the lists the engine sends and, by the same rules (inbox-filters.ts),
 * what the socket brings: a conversation that stops matching leaves the list, one that starts matching
 * appears. The open conversation, the tab, the filters and the search live in the URL (inbox-location.ts):
 * opening a conversation pushes a history entry, so Back returns; tabs, filters and search replace it. A
 * reload or a shared link opens the same view; a link to a conversation the operator may not open says so.
 *
 * Several LINE channels (docs/channels.md): while the operator sees more than one, the filters offer one
 * channel and every row and the thread's header name the channel; with one, nothing shows.
 *
 * On a phone (700px and narrower) one view shows at a time, list -> thread -> info, with a bar holding
 * Back and Info; the URL names the view, so the phone's own Back works too. Keyboard shortcuts (`?` lists
 * them) come from inbox-shortcuts.ts.
 *
 * Signals (inbox-signals.ts): unread counts, and a chime and a desktop notification for what is new for me.
 */
export class BatonInbox extends LitElement {
  static override styles = inboxStyles;
  static override properties = {
    operator: { attribute: false },
    conversations: { state: true },
    tab: { state: true },
    query: { state: true },
    filters: { state: true },
    selectedId: { state: true },
    info: { state: true },
    joinNotice: { state: true },
  };

  declare operator: OperatorDto;
  declare conversations: ReadonlyMap<string, ConversationDto>;
  declare tab: ConversationStatus;
  declare query: string;
  declare filters: InboxFilters;
  declare selectedId: string | null;
  /** the customer info rather than the thread, on a phone */
  declare info: boolean;
  /** why the engine would not let us follow the open conversation live (its own words) */
  declare joinNotice: string | null;

  /** socket updates that arrive while a list load is in flight, replayed over its result */
  readonly #inFlight = new Set<ConversationDto[]>();
  /** every conversation seen, search or not: the open one stays shown when a search hides it from the list */
  readonly #known = new Map<string, ConversationDto>();
  /** hash -> the hash we pushed it from: the phone's Back button goes back in history only to where it came from */
  readonly #cameFrom = new Map<string, string>();
  readonly #onHashChange = () => {
    if (parsePlace(location.hash)?.route === Route.INBOX) this.#show(parseInboxLocation(location.hash));
  };

  readonly #realtime = new SocketController(this, {
    onConversation: (conversation) => this.#apply(conversation),
    onMessage: (message: MessageDto) => {
      this.#thread?.receiveMessage(message);
      this.#signals.messageHeard(message);
    },
    onTyping: (event: TypingEvent) => {
      if (event.operatorId !== this.operator.id) this.#thread?.receiveTyping(event);
    },
    onResync: () => {
      void this.#listTask.run();
      this.#thread?.reload();
      this.renderRoot.querySelector('baton-presence-toggle')?.reassert();
    },
    onJoinRefused: (conversationId, refusal) => {
      if (conversationId === this.selectedId) this.joinNotice = refusal.message;
    },
  });

  readonly #listTask = new Task(this, {
    args: (): [string, InboxFilters] => [this.query, this.filters],
    task: async ([query, filters], { signal }) => {
      const missed: ConversationDto[] = [];
      this.#inFlight.add(missed);
      try {
        const lists = await Promise.all(STATUSES.map((status) => listConversations(status, query, filters, signal)));
        const next = new Map<string, ConversationDto>();
        for (const { conversations } of lists) for (const c of conversations) next.set(c.id, c);
        // before the socket's copies replace some: only the list's carry this operator's unread counts
        this.#signals.listLoaded(next.values());
        for (const c of missed) {
          if (this.#belongs(c)) next.set(c.id, c);
          else next.delete(c.id);
        }
        for (const c of next.values()) this.#known.set(c.id, c);
        this.conversations = next;
        return next.size;
      } finally {
        this.#inFlight.delete(missed);
      }
    },
  });

  readonly #channels = new InboxChannels(this);

  readonly #signals = new InboxSignals(this, {
    operatorId: () => this.operator.id,
    selectedId: () => this.selectedId,
    known: (id) => this.#known.get(id),
    open: (conversation) => this.#open(conversation.id, { tab: conversation.status }),
  });

  /**
   * A conversation opened from a link (not from the list): may this operator open it? The answer is the
   * engine's refusal (403, 404), shown as a notice in place of the thread, or null (the thread shows it; other
   * failures are the thread's to show).
   */
  readonly #linkTask = new Task(this, {
    args: (): [string | null] => [this.selectedId],
    task: async ([id], { signal }) => {
      if (id === null || this.#known.has(id)) return null;
      try {
        const { conversation } = await api.conversation(id, signal);
        if (!this.#known.has(id)) this.#known.set(id, conversation);
        this.requestUpdate();
        return null;
      } catch (error) {
        if (error instanceof ApiRequestError) return LINK_REFUSALS.includes(error.status) ? error.status : null;
        throw error;
      }
    },
  });

  constructor() {
    super();
    this.conversations = new Map();
    this.tab = 'WAITING';
    this.query = '';
    this.filters = NO_FILTERS;
    this.selectedId = null;
    this.info = false;
    this.joinNotice = null;
    updateWhenLocaleChanges(this);
    new InboxShortcutsController(this, (action) => this.#runShortcut(action));
    if (parsePlace(location.hash)?.route === Route.INBOX) this.#show(parseInboxLocation(location.hash));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    unlockAudioOnGesture();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    super.disconnectedCallback();
  }

  get #thread() {
    return this.renderRoot.querySelector('baton-chat-thread');
  }

  get #location(): InboxLocation {
    return { conversationId: this.selectedId, tab: this.tab, filters: this.filters, query: this.query, info: this.info };
  }

  /** puts a location on screen (from the URL, or on its way into it) */
  #show(next: InboxLocation): void {
    this.selectedId = next.conversationId;
    this.tab = next.tab;
    this.query = next.query;
    this.info = next.info;
    // a new object would reload the lists for nothing
    if (!sameFilters(this.filters, next.filters)) this.filters = next.filters;
  }

  /**
   * Shows a location and writes it into the URL: `push` for what Back should undo (opening a conversation,
   * the phone's views), `replace` for tabs, filters and search. Through `location`, so hashchange tells the
   * studio shell (which keeps its route) and our own listener (which finds nothing left to change).
   */
  #go(change: Partial<InboxLocation>, mode: 'push' | 'replace'): void {
    const next = { ...this.#location, ...change };
    this.#show(next);
    const hash = inboxHash(next);
    const current = parsePlace(location.hash)?.route === Route.INBOX ? inboxHash(parseInboxLocation(location.hash)) : null;
    if (hash === current) return;
    if (mode === 'replace') {
      location.replace(hash);
      return;
    }
    if (current !== null) this.#cameFrom.set(hash, current);
    location.hash = hash;
  }

  #open(conversationId: string, change: Partial<InboxLocation> = {}): void {
    this.#go({ conversationId, info: false, ...change }, 'push');
  }

  /** the phone bar's Back: info -> thread -> list; back in history when that is where we came from */
  #back(): void {
    const here = this.#location;
    const parent = parentLocation(here);
    if (this.#cameFrom.get(inboxHash(here)) === inboxHash(parent)) history.back();
    else this.#go(parent, 'replace');
  }

  /** in the list this operator is looking at: may see it, and it passes the filters */
  #belongs(conversation: ConversationDto): boolean {
    return visibleTo(this.operator, conversation) && matchesFilters(conversation, this.filters, this.operator.id);
  }

  #apply(conversation: ConversationDto): void {
    for (const missed of this.#inFlight) missed.push(conversation);
    this.#channels.learn(conversation.channelId);
    this.#signals.conversationChanged(this.#known.get(conversation.id), conversation);
    this.#known.set(conversation.id, conversation);
    if (conversation.id === this.selectedId) this.requestUpdate();
    if (!this.#belongs(conversation)) {
      // taken by or transferred to someone else, or out of the filters: it leaves the list
      if (!this.conversations.has(conversation.id)) return;
      const next = new Map(this.conversations);
      next.delete(conversation.id);
      this.conversations = next;
      return;
    }
    // a listed row stays while the search text no longer finds it (its newest message changed under the operator)
    if (!this.conversations.has(conversation.id) && !matchesQuery(conversation, this.query)) return;
    const next = new Map(this.conversations);
    next.set(conversation.id, conversation);
    this.conversations = next;
  }

  #onChange(event: ConversationChangeEvent): void {
    this.#apply(event.conversation);
    // follow my own claim to the Active tab so the chat I just took stays highlighted
    if (event.action === 'claim' || event.action === 'reopen') this.#go({ tab: event.conversation.status }, 'replace');
  }

  /** the current tab's rows in the list's order: j / k walk them */
  #rows(): ConversationDto[] {
    return sortForStatus(
      this.tab,
      [...this.conversations.values()].filter((c) => c.status === this.tab),
    );
  }

  #step(by: 1 | -1): boolean {
    const rows = this.#rows();
    if (rows.length === 0) return false;
    const at = rows.findIndex((c) => c.id === this.selectedId);
    const target = at === -1 ? (by === 1 ? rows[0] : rows[rows.length - 1]) : rows[Math.min(rows.length - 1, Math.max(0, at + by))];
    if (target && target.id !== this.selectedId) this.#open(target.id);
    return true;
  }

  /** presses the thread's own button, so its checks and confirmations (h1's close dialog) apply as on a click */
  #press(testId: 'claim-button' | 'close-button'): boolean {
    const button = this.#thread?.renderRoot.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
    if (!button || button.disabled) return false;
    button.click();
    return true;
  }

  #runShortcut(action: InboxAction): boolean {
    switch (action) {
      case InboxAction.NEXT:
        return this.#step(1);
      case InboxAction.PREVIOUS:
        return this.#step(-1);
      case InboxAction.CLAIM:
        return this.#press('claim-button');
      case InboxAction.CLOSE:
        return this.#press('close-button');
      case InboxAction.COMPOSE: {
        const composer = this.#thread?.renderRoot.querySelector('baton-composer');
        if (!composer || this.info) return false;
        composer.focus();
        return true;
      }
      case InboxAction.SEARCH:
        // on a phone the search box is in the list view
        if (this.selectedId !== null && matchMedia(PHONE).matches) this.#go({ conversationId: null, info: false }, 'push');
        void this.updateComplete.then(() => this.renderRoot.querySelector('baton-inbox-list')?.focusSearch());
        return true;
      case InboxAction.HELP:
        this.renderRoot.querySelector('baton-inbox-shortcuts')?.show();
        return true;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('selectedId')) this.joinNotice = null;
    this.dataset.view = phoneViewOf(this.#location);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('selectedId')) this.#realtime.follow(this.selectedId);
    if (changed.has('selectedId') || changed.has('conversations')) this.#signals.readSelected();
  }

  /** what the filter bar offers: my teams and every team and tag seen on a conversation */
  #choices(): { teams: string[]; tags: string[]; assigneeName: string | null } {
    const teams = new Set(this.operator.teams);
    const tags = new Set<string>();
    const assignee = this.filters.assignee;
    let assigneeName: string | null = null;
    for (const c of this.#known.values()) {
      if (c.team) teams.add(c.team);
      for (const tag of c.customer.tags) tags.add(tag);
      if (typeof assignee === 'object' && c.operatorId === assignee.operatorId) assigneeName = c.operatorName;
    }
    return { teams: [...teams].sort(), tags: [...tags].sort(), assigneeName };
  }

  override render() {
    const refusal = this.#linkTask.status === TaskStatus.COMPLETE ? this.#linkTask.value : null;
    const linkNotice = refusal ? linkRefusal(refusal) : null;
    const selected = this.selectedId && !linkNotice ? (this.#known.get(this.selectedId) ?? null) : null;
    const { teams, tags, assigneeName } = this.#choices();
    return html`${this.#renderPhoneBar(selected)}
      <baton-inbox-list
        .conversations=${this.conversations}
        .unread=${this.#signals.counts(this.conversations.values())}
        .tab=${this.tab}
        .selectedId=${this.selectedId}
        .loading=${this.#listTask.status === TaskStatus.PENDING}
        .loadError=${this.#listTask.error ?? null}
        .realtimeStatus=${this.#realtime.status}
        .query=${this.query}
        .filters=${this.filters}
        .teams=${teams}
        .tags=${tags}
        .assigneeName=${assigneeName}
        .channels=${this.#channels.list}
        @conversation-select=${(e: ConversationSelectEvent) => this.#open(e.conversationId)}
        @status-tab=${(e: StatusTabEvent) => this.#go({ tab: e.status }, 'replace')}
        @search=${(e: SearchEvent) => this.#go({ query: e.query }, 'replace')}
        @inbox-filter=${(e: InboxFilterEvent) => this.#go({ filters: e.filters }, 'replace')}
      >
        <baton-presence-toggle slot="presence" .connected=${this.#realtime.status === RealtimeStatus.LIVE}></baton-presence-toggle>
        <baton-signal-toggle slot="presence" .signals=${this.#signals.signals}></baton-signal-toggle>
      </baton-inbox-list>
      ${linkNotice
        ? html`<p class="link-notice" role="alert" data-testid="inbox-link-notice">${linkNotice}</p>`
        : html`<baton-chat-thread
            .conversationId=${this.selectedId}
            .conversation=${selected}
            .operator=${this.operator}
            .channel=${selected ? this.#channels.shownFor(selected) : null}
            .realtime=${this.#realtime}
            .notice=${this.joinNotice ? msg(str`This conversation is not updated live: ${this.joinNotice}`) : null}
            @conversation-change=${this.#onChange}
          ></baton-chat-thread>`}
      <baton-customer-info .conversation=${selected}></baton-customer-info>
      <baton-inbox-shortcuts></baton-inbox-shortcuts>`;
  }

  /** phones only (CSS hides it elsewhere): Back to where this view came from, and the customer's info */
  #renderPhoneBar(selected: ConversationDto | null) {
    const view = phoneViewOf(this.#location);
    if (view === PhoneView.LIST) return nothing;
    // the thread's own header names the customer right below
    return html`<div class="phone-bar" data-testid="phone-bar">
      <button data-testid="phone-back" @click=${() => this.#back()}>${view === PhoneView.INFO ? msg('‹ Chat') : msg('‹ Conversations')}</button>
      <span class="title">${view === PhoneView.INFO ? msg('Customer info') : ''}</span>
      ${view === PhoneView.THREAD && selected
        ? html`<button data-testid="phone-info" @click=${() => this.#go({ info: true }, 'push')}>${msg('Info')}</button>`
        : nothing}
    </div>`;
  }
}

customElements.define('baton-inbox', BatonInbox);

declare global {
  interface HTMLElementTagNameMap {
    'baton-inbox': BatonInbox;
  }
}
