import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { QuickReplyItem, SandboxChatEntry, SandboxRichMenuArea, SimulatedEventRequest } from '../../../engine/contracts/sandbox.ts';
import { sandbox } from '../api/sandbox-client.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { formatTime } from '../shared/format.ts';
import { simulatorStyles } from './baton-simulator.styles.ts';
import { renderHoursNote } from './hours-note.ts';
import { renderRichMenu } from './rich-menu-panel.ts';
import { SandboxRichMenu } from './sandbox-rich-menu.ts';
import { isLineUserId, randomLineUserId, stored } from './line-user.ts';
import { SandboxChatPoller } from './sandbox-chat-poller.ts';
import { SimulatorOutbox } from './simulator-outbox.ts';
import '../line-preview/baton-line-preview.ts';

const USER_ID_KEY = 'baton.simulator.userId';
const NAME_KEY = 'baton.simulator.displayName';
const DEFAULT_NAME = 'สมชาย ใจดี';
/** a sticker from LINE's free basic set, for trying the sticker path */
const SAMPLE_STICKER = { packageId: '446', stickerId: '1988' };
/** open and closed change on the minute; asked again this often */
const HOURS_EVERY_MS = 60_000;

/**
 * The customer simulator: chat with the account as a LINE user through the sandbox LINE platform.
 * Shows the phone's view of the chat (polled), quick-reply chips of the account's latest message,
 * follow / unfollow buttons, the customer's rich menu as it follows the conversation (its areas tappable),
 * and whether the business is open now (the after-hours answer explained).
 * What the customer sends goes out in order while they type on (simulator-outbox.ts).
 */
export class BatonSimulator extends LitElement {
  static override styles = [controlStyles, simulatorStyles];
  static override properties = {
    userId: { state: true },
    displayName: { state: true },
  };

  declare userId: string;
  declare displayName: string;

  readonly #chat = new SandboxChatPoller(this);
  readonly #richMenu = new SandboxRichMenu(this);
  readonly #outbox = new SimulatorOutbox(this, { sent: () => this.#chat.pollNow(), failed: (texts) => this.#restoreDraft(texts) });
  readonly #hours = new Task(this, { task: (_args, { signal }) => sandbox.hours(signal), args: () => [] });
  #hoursTimer: ReturnType<typeof setInterval> | undefined;
  #shownCount = 0;

  constructor() {
    super();
    this.userId = stored.get(USER_ID_KEY) ?? randomLineUserId();
    this.displayName = stored.get(NAME_KEY) ?? DEFAULT_NAME;
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#hoursTimer = setInterval(() => void this.#hours.run(), HOURS_EVERY_MS);
  }

  override disconnectedCallback(): void {
    clearInterval(this.#hoursTimer);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId')) {
      stored.set(USER_ID_KEY, this.userId);
      this.#chat.setUser(this.userId);
      this.#richMenu.setUser(this.userId);
    }
    if (changed.has('displayName')) stored.set(NAME_KEY, this.displayName);
  }

  /** this user's texts on their way, shown in the chat until the engine has them */
  get #pendingTexts(): string[] {
    return this.#outbox.pending.flatMap(({ userId, event }) => (userId === this.userId && event.type === 'text' ? [event.text] : []));
  }

  protected override updated(): void {
    // follow the conversation down as entries arrive (or messages are sent)
    const shown = this.#chat.entries.length + this.#pendingTexts.length;
    if (shown === this.#shownCount) return;
    this.#shownCount = shown;
    const list = this.renderRoot.querySelector('ol');
    if (list) list.scrollTop = list.scrollHeight;
  }

  #send(event: SimulatedEventRequest): void {
    this.#outbox.add(this.userId, event);
  }

  get #input(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#message');
  }

  /** the message leaves the box at once, as on a phone; the box is free for the next one */
  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.#input;
    const text = input?.value.trim();
    if (!input || !text) return;
    input.value = '';
    this.#send({ type: 'text', text });
    input.focus();
  }

  /** Texts that did not go out go back in the box, before anything typed since. */
  #restoreDraft(texts: string[]): void {
    const input = this.#input;
    if (!input || texts.length === 0) return;
    input.value = [...texts, input.value.trim()].filter(Boolean).join(' ');
  }

  #onQuickReply(item: QuickReplyItem): void {
    const action = item.action;
    void this.#send(
      action.type === 'message'
        ? { type: 'text', text: action.text }
        : { type: 'postback', data: action.data, ...(action.displayText ? { displayText: action.displayText } : {}) },
    );
  }

  /** a rich menu area does what it does on a phone: a postback, a message, or a web page */
  #onRichMenuTap(area: SandboxRichMenuArea): void {
    const action = area.action;
    if (action.type === 'uri') window.open(action.uri, '_blank', 'noopener');
    else if (action.type === 'message') this.#send({ type: 'text', text: action.text });
    else this.#send({ type: 'postback', data: action.data, ...(action.displayText ? { displayText: action.displayText } : {}) });
  }

  #onUserIdChange(event: Event): void {
    if (!(event.target instanceof HTMLInputElement)) return;
    const value = event.target.value.trim();
    if (value) this.userId = value;
    else event.target.value = this.userId;
  }

  #onNameChange(event: Event): void {
    if (event.target instanceof HTMLInputElement) this.displayName = event.target.value.trim() || DEFAULT_NAME;
  }

  override render() {
    return html`${this.#renderControls()} ${this.#renderPhone()}`;
  }

  #renderControls() {
    return html`<section class="controls" aria-label=${msg('Simulated LINE user')}>
      <h2>${msg('Customer simulator')}</h2>
      <p class="muted">${msg("Chat with the account as a LINE user. Messages go through the sandbox LINE platform to the engine's webhook.")}</p>
      <label for="user-id">${msg('LINE user id')}</label>
      <div class="row">
        <input id="user-id" .value=${this.userId} spellcheck="false" data-testid="sim-user-id" @change=${this.#onUserIdChange} />
        <button title=${msg('Start over as a new user')} data-testid="sim-new-user" @click=${() => (this.userId = randomLineUserId())}>${msg('New', { desc: 'a new simulated LINE user' })}</button>
      </div>
      ${isLineUserId(this.userId) ? nothing : html`<span class="warn">${msg('LINE user ids look like U followed by 32 hex digits.')}</span>`}
      <label
        >${msg('Display name')}
        <input .value=${this.displayName} data-testid="sim-display-name" @change=${this.#onNameChange} />
      </label>
      <div class="buttons">
        <button
          class="follow"
          data-testid="sim-follow"
          @click=${() => this.#send({ type: 'follow', displayName: this.displayName, language: navigator.language.split('-')[0] ?? 'en' })}
        >
          ${msg('Add friend')}
        </button>
        <button class="danger" data-testid="sim-unfollow" @click=${() => this.#send({ type: 'unfollow' })}>
          ${msg('Block')}
        </button>
      </div>
      <p class="muted">${msg('Add friend sends a follow event (the welcome flow); Block sends an unfollow.')}</p>
      ${renderHoursNote(this.#hours.value)}
    </section>`;
  }

  #renderPhone() {
    const entries = this.#chat.entries;
    const last = entries.at(-1);
    const quickReplies = last?.from === 'account' ? (last.message.quickReply?.items ?? []) : [];
    const pending = this.#pendingTexts;
    return html`<section class="phone" aria-label=${msg('LINE chat')}>
      <div class="phone-header">
        <strong>Baton Official Account</strong>
        <span>${msg(str`as ${this.displayName}`)}</span>
      </div>
      <ol data-testid="sim-chat" aria-live="polite">
        ${repeat(
          entries,
          (entry) => entry.seq,
          (entry) => this.#renderEntry(entry),
        )}
        ${pending.map(
          (text) => html`<li class="user pending" data-testid="sim-pending">
            <div class="bubble">${text}</div>
            <div class="meta"><span>${msg('Sending…')}</span></div>
          </li>`,
        )}
      </ol>
      ${entries.length === 0 && pending.length === 0 ? html`<p class="empty">${msg('No messages yet. Tap “Add friend” to start.')}</p>` : nothing}
      ${this.#chat.error ? html`<div class="error" role="alert">${this.#chat.error}</div>` : nothing}
      ${this.#outbox.error ? html`<div class="error" role="alert" data-testid="sim-error">${this.#outbox.error}</div>` : nothing}
      ${quickReplies.length
        ? html`<div class="quick-replies" data-testid="sim-quick-replies">
            ${quickReplies.map(
              (item) =>
                html`<button data-testid="sim-quick-reply" @click=${() => this.#onQuickReply(item)}>
                  ${item.action.label}
                </button>`,
            )}
          </div>`
        : nothing}
      <form @submit=${this.#onSubmit}>
        <button type="button" title=${msg('Send a sticker')} aria-label=${msg('Send a sticker')} data-testid="sim-sticker"
          @click=${() => this.#send({ type: 'sticker', ...SAMPLE_STICKER })}>☺</button>
        <button type="button" title=${msg('Send a photo')} aria-label=${msg('Send a photo')} data-testid="sim-image"
          @click=${() => this.#send({ type: 'image' })}>🖼</button>
        <button type="button" title=${msg('Send a location')} aria-label=${msg('Send a location')} data-testid="sim-location"
          @click=${() => this.#send({ type: 'location' })}>📍</button>
        <input id="message" placeholder="Aa" autocomplete="off" aria-label=${msg('Message')} data-testid="sim-input" />
        <button class="primary" type="submit" data-testid="sim-send">${msg('Send')}</button>
      </form>
      ${renderRichMenu(this.#richMenu, (area) => this.#onRichMenuTap(area))}
    </section>`;
  }

  #renderEntry(entry: SandboxChatEntry) {
    const message = entry.message;
    const isSticker = message.type === 'sticker';
    return html`<li class=${entry.from} data-testid="sim-entry" data-from=${entry.from} data-via=${entry.via ?? ''}>
      ${entry.from === 'account' ? html`<span class="oa" aria-hidden="true">OA</span>` : nothing}
      ${entry.from === 'account' && (message.type === 'flex' || message.type === 'image')
        ? html`<baton-line-preview data-testid="sim-rich" .messages=${[message]} .quickReplies=${false}></baton-line-preview>`
        : html`<div class="bubble ${isSticker ? 'sticker' : ''}" data-testid="sim-text">${describeLineMessage(message)}</div>`}
      <div class="meta">
        ${entry.from === 'account' && entry.via
          ? html`<span class="via ${entry.via}" title=${entry.via === 'push' ? msg('Push message (counted)') : msg('Reply (free)')}>${entry.via === 'push' ? msg('push', { desc: 'how LINE sent a message: a push (counted)' }) : msg('reply', { desc: 'how LINE sent a message: with the reply token (free)' })}</span>`
          : nothing}
        <span>${formatTime(entry.at)}</span>
      </div>
    </li>`;
  }
}

/** What a phone would show for a LINE message, in text. */
function describeLineMessage(message: SandboxChatEntry['message']): string {
  if (message.type === 'sticker') return msg('[sticker]');
  if (typeof message.text === 'string') return message.text;
  if (message.type === 'postback') {
    if (typeof message.displayText === 'string') return message.displayText;
    return typeof message.data === 'string' ? `[postback ${message.data}]` : '[postback]';
  }
  if (typeof message.altText === 'string') return message.altText;
  return `[${message.type}]`;
}

customElements.define('baton-simulator', BatonSimulator);

declare global {
  interface HTMLElementTagNameMap {
    'baton-simulator': BatonSimulator;
  }
}
