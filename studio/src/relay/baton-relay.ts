import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { RelayTargetDto } from '../../../engine/contracts/relay.ts';
import { describeError } from '../api/api-error.ts';
import '../one-time-secret/baton-one-time-secret.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { pageStyles } from '../shared/page.styles.ts';
import { formatDateTime } from '../shared/format.ts';
import { relayStyles } from './baton-relay.styles.ts';
import { relay } from './relay-client.ts';

/** how often the targets' status (backlog, last success, last error) is read again while the page is open */
const REFRESH_MS = 5_000;

/**
 * Studio › Relay (admins; docs/relay.md): the tools each LINE event is forwarded to, with how delivery goes
 * (backlog, given up, last success, last error); add one (its secret shown here once), edit its name, URL,
 * event types and LINE channels, switch it off or on, make it a new secret, delete it.
 */
export class BatonRelay extends LitElement {
  static override styles = [controlStyles, pageStyles, relayStyles];
  static override properties = {
    secret: { state: true },
    error: { state: true },
    busy: { state: true },
    editing: { state: true },
  };

  /** the secret just made, shown until the admin closes it: never obtainable again */
  declare secret: { name: string; value: string } | null;
  declare error: string | null;
  declare busy: boolean;
  /** the target whose edit form is open */
  declare editing: string | null;

  readonly #targets = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => (await relay.list(signal)).targets,
  });
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.secret = null;
    this.error = null;
    this.busy = false;
    this.editing = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => void this.#targets.run(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    clearInterval(this.#timer);
    super.disconnectedCallback();
  }

  async #act(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
      await this.#targets.run();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  #create(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    void this.#act(async () => {
      const created = await relay.create(targetFields(form));
      this.secret = { name: created.target.name, value: created.secret };
      form.reset();
    });
  }

  #save(event: SubmitEvent, target: RelayTargetDto): void {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    void this.#act(async () => {
      await relay.update(target.id, targetFields(form));
      this.editing = null;
    });
  }

  #toggle(target: RelayTargetDto): void {
    void this.#act(async () => {
      await relay.update(target.id, { enabled: !target.enabled });
    });
  }

  #rotate(target: RelayTargetDto): void {
    if (!confirm(msg(str`Make a new secret for ${target.name}? The old one stops working at once.`))) return;
    void this.#act(async () => {
      const rotated = await relay.rotateSecret(target.id);
      this.secret = { name: target.name, value: rotated.secret };
    });
  }

  #remove(target: RelayTargetDto): void {
    if (!confirm(msg(str`Delete ${target.name}? Events waiting for it are dropped.`))) return;
    void this.#act(() => relay.remove(target.id));
  }

  override render() {
    return html`<div class="page">
      <h1>${msg('Webhook relay')}</h1>
      <p class="muted">
        ${msg('Each LINE event Baton receives is forwarded to these tools, signed with each one\u2019s own secret (x-line-signature, checked with the LINE SDK). Retried for 24 hours; never delays Baton\u2019s answer to LINE.')}
      </p>
      <form data-testid="relay-form" @submit=${this.#create}>
        ${this.#fields('relay', null)}
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="relay-add">${msg('Add target')}</button>
      </form>
      ${this.error ? html`<div class="error" role="alert" data-testid="relay-error">${this.error}</div>` : nothing}
      ${this.secret
        ? html`<div class="target" data-testid="relay-secret">
            <baton-one-time-secret .label=${msg(str`Secret of ${this.secret.name}: shown this once, copy it into the tool now`)} .value=${this.secret.value}></baton-one-time-secret>
            <div><button data-testid="relay-secret-done" @click=${() => (this.secret = null)}>${msg('I have copied it')}</button></div>
          </div>`
        : nothing}
      ${this.#targets.render({
        initial: () => html`<p class="muted">${msg('Loading…')}</p>`,
        pending: () => (this.#targets.value ? this.#renderTargets(this.#targets.value) : html`<p class="muted">${msg('Loading…')}</p>`),
        error: (error) => html`<div class="error" role="alert">${msg(str`Could not load the targets: ${describeError(error)}`)}</div>`,
        complete: (targets) => this.#renderTargets(targets),
      })}
    </div>`;
  }

  /** a target's name, URL, event types and channels, as typed for a new one or as `target` has them; test ids start with `testIdPrefix` */
  #fields(testIdPrefix: string, target: RelayTargetDto | null) {
    return html`<label>${msg('Name')} <input name="name" required maxlength="80" .value=${target?.name ?? ''} data-testid="${testIdPrefix}-name" /></label>
      <label class="url-field"
        >${msg('URL (https; http only to localhost)')}
        <input name="url" required type="url" placeholder="https://tool.example.com/line-webhook" .value=${target?.url ?? ''} data-testid="${testIdPrefix}-url"
      /></label>
      <label>${msg('Event types (empty: all)')} <input name="events" placeholder="message, follow" .value=${target?.events?.join(', ') ?? ''} data-testid="${testIdPrefix}-events" /></label>
      <label title=${msg('A bot behind the relay serves one Official Account: name its channel so other accounts\u2019 events do not reach it')}
        >${msg('LINE channels (empty: all)')}
        <input name="channels" placeholder="default, shop-th" .value=${target?.channels?.join(', ') ?? ''} data-testid="${testIdPrefix}-channels"
      /></label>`;
  }

  #renderTargets(targets: readonly RelayTargetDto[]) {
    if (targets.length === 0) return html`<p class="muted" data-testid="relay-empty">${msg('No targets: events go to Baton only.')}</p>`;
    return html`<ul class="targets">
      ${repeat(
        targets,
        (t) => t.id,
        (t) => this.#renderTarget(t),
      )}
    </ul>`;
  }

  #renderTarget(target: RelayTargetDto) {
    const { status } = target;
    const failing = status.lastFailureAt !== null && (status.lastSuccessAt === null || status.lastFailureAt > status.lastSuccessAt);
    return html`<li class="target" data-testid="relay-target" data-name=${target.name} data-enabled=${String(target.enabled)}>
      <div class="head">
        <div>
          <h2>${target.name}${target.enabled ? nothing : html` <span class="muted">(${msg('off')})</span>`}</h2>
          <div class="url">${target.url}</div>
          <div class="muted">${target.events ? msg(str`Events: ${target.events.join(', ')}`) : msg('All events')}</div>
          <div class="muted" data-testid="relay-target-channels">${target.channels ? msg(str`LINE channels: ${target.channels.join(', ')}`) : msg('Every LINE channel')}</div>
        </div>
        <div class="actions">
          <button ?disabled=${this.busy} data-testid="relay-edit" aria-expanded=${String(this.editing === target.id)} @click=${() => (this.editing = this.editing === target.id ? null : target.id)}>
            ${msg('Edit')}
          </button>
          <button ?disabled=${this.busy} data-testid="relay-toggle" @click=${() => this.#toggle(target)}>
            ${target.enabled ? msg('Switch off') : msg('Switch on')}
          </button>
          <button ?disabled=${this.busy} data-testid="relay-rotate" @click=${() => this.#rotate(target)}>${msg('New secret')}</button>
          <button ?disabled=${this.busy} data-testid="relay-delete" @click=${() => this.#remove(target)}>${msg('Delete')}</button>
        </div>
      </div>
      ${this.editing === target.id
        ? html`<form class="edit" data-testid="relay-edit-form" @submit=${(event: SubmitEvent) => this.#save(event, target)}>
            ${this.#fields('relay-edit', target)}
            <div class="edit-actions">
              <button class="primary" type="submit" ?disabled=${this.busy} data-testid="relay-edit-save">${msg('Save changes')}</button>
              <button type="button" data-testid="relay-edit-cancel" @click=${() => (this.editing = null)}>${msg('Cancel')}</button>
            </div>
          </form>`
        : nothing}
      <div class="status ${failing ? 'failing' : ''}" data-testid="relay-status" data-backlog=${status.backlog} data-gave-up=${status.gaveUp}>
        ${msg(str`Waiting: ${status.backlog}`)} · ${msg(str`Given up: ${status.gaveUp}`)} ·
        ${msg('Last delivered:')} ${status.lastSuccessAt === null ? msg('never') : formatDateTime(status.lastSuccessAt)}
        ${failing && status.lastError ? html`· <span data-testid="relay-last-error">${msg(str`Failing: ${status.lastError} (${formatDateTime(status.lastFailureAt)})`)}</span>` : nothing}
      </div>
    </li>`;
  }
}

/** what a target form holds, as the API takes it; a list typed with commas or spaces, empty: every one */
function targetFields(form: HTMLFormElement): { name: string; url: string; events: string[] | null; channels: string[] | null } {
  const data = new FormData(form);
  const listOf = (field: string) => {
    const values = String(data.get(field) ?? '').split(/[\s,]+/).filter(Boolean);
    return values.length > 0 ? values : null;
  };
  return { name: String(data.get('name') ?? ''), url: String(data.get('url') ?? ''), events: listOf('events'), channels: listOf('channels') };
}

customElements.define('baton-relay', BatonRelay);

declare global {
  interface HTMLElementTagNameMap {
    'baton-relay': BatonRelay;
  }
}
