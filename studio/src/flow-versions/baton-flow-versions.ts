import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import type { FlowVersionDto, FlowVersionListResponse } from '../../../engine/contracts/rest.ts';
import { actorName } from '../shared/actor-name.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { FlowVersionEvent } from '../shared/events.ts';
import { formatDateTime } from '../shared/format.ts';
import { flowVersionsStyles } from './baton-flow-versions.styles.ts';
import { FlowCompareEvent } from './flow-compare-event.ts';

/**
 * Published flow versions, newest first, the active one marked, each with who published it, when and
 * their note; the history of what became active when and by whom; any two versions compared. Admins can
 * make an inactive version active again after a confirm.
 *
 * @event flow-version - `view` a version, or `activate` it (confirmed)
 * @event flow-compare - show what changed between two versions
 */
export class BatonFlowVersions extends LitElement {
  static override styles = [controlStyles, flowVersionsStyles];
  static override properties = {
    versions: { attribute: false },
    activations: { attribute: false },
    operatorNames: { attribute: false },
    selected: { attribute: false },
    canActivate: { attribute: false },
    activating: { attribute: false },
    confirming: { state: true },
    compareFrom: { state: true },
    compareTo: { state: true },
  };

  declare versions: readonly FlowVersionDto[];
  declare activations: FlowVersionListResponse['activations'];
  declare operatorNames: ReadonlyMap<string, string>;
  declare selected: number | null;
  declare canActivate: boolean;
  /** the version being made active right now */
  declare activating: number | null;
  declare confirming: number | null;
  /** the two versions picked for a comparison; null: the second newest and the newest */
  declare compareFrom: number | null;
  declare compareTo: number | null;

  constructor() {
    super();
    this.versions = [];
    this.activations = [];
    this.operatorNames = new Map();
    this.selected = null;
    this.canActivate = false;
    this.activating = null;
    this.confirming = null;
    this.compareFrom = null;
    this.compareTo = null;
    updateWhenLocaleChanges(this);
  }

  #activate(version: number): void {
    this.confirming = null;
    this.dispatchEvent(new FlowVersionEvent('activate', version));
  }

  override render() {
    const history = [...this.activations].sort((a, b) => b.at - a.at);
    return html`<h3>${msg('Versions')}</h3>
      <ol class="versions" data-testid="flow-versions">
        ${this.versions.map((v) => this.#renderVersion(v))}
      </ol>
      ${this.versions.length > 1 ? this.#renderCompare() : nothing}
      <h3>${msg('Activation history')}</h3>
      <ol class="history" data-testid="activation-history">
        ${history.map(
          (a) =>
            html`<li data-testid="activation" data-version=${a.version} data-action=${a.action}>
              <span class="what">${a.action === 'publish' ? msg(str`Published version ${a.version}`) : msg(str`Activated version ${a.version}`)}</span>
              <span class="muted">${actorName(a.actor, this.operatorNames)} · ${formatDateTime(a.at)}</span>
            </li>`,
        )}
        ${history.length === 0 ? html`<li class="muted">${msg('Nothing yet.')}</li>` : nothing}
      </ol>`;
  }

  #renderCompare() {
    const from = this.compareFrom ?? this.versions[1]?.version ?? 0;
    const to = this.compareTo ?? this.versions[0]?.version ?? 0;
    const options = (picked: number) => this.versions.map((v) => html`<option value=${v.version} ?selected=${v.version === picked}>${msg(str`Version ${v.version}`)}</option>`);
    const pick = (event: Event) => Number((event.target as HTMLSelectElement).value);
    return html`<div class="compare">
      <label>${msg('Compare', { id: 'compare-label', desc: 'before the first version picked: Compare [version 2] with [version 3]' })} <select data-testid="compare-from" @change=${(e: Event) => (this.compareFrom = pick(e))}>${options(from)}</select></label>
      <label>${msg('with', { desc: 'between the two versions picked: Compare [version 2] with [version 3]' })} <select data-testid="compare-to" @change=${(e: Event) => (this.compareTo = pick(e))}>${options(to)}</select></label>
      <button data-testid="compare-versions" ?disabled=${from === to} @click=${() => this.dispatchEvent(new FlowCompareEvent(from, to))}>${msg('Compare', { id: 'compare-button', desc: 'shows what changed between the two versions picked' })}</button>
    </div>`;
  }

  #renderVersion(v: FlowVersionDto) {
    const activeVersion = this.versions.find((x) => x.active)?.version ?? 0;
    const label = v.version < activeVersion ? msg('Roll back to this version') : msg('Make this version active');
    return html`<li
      data-testid="flow-version"
      data-version=${v.version}
      data-active=${v.active ? 'true' : 'false'}
      aria-current=${this.selected === v.version ? 'true' : 'false'}
    >
      <button class="pick" data-testid="view-version" @click=${() => this.dispatchEvent(new FlowVersionEvent('view', v.version))}>
        <span class="name">${msg(str`Version ${v.version}`)} ${v.active ? html`<span class="badge active" data-testid="active-badge">${msg('Active', { id: 'version-active', desc: 'the flow version new conversations start on' })}</span>` : nothing}</span>
        <span class="sub">${actorName(v.publishedBy, this.operatorNames)} · ${formatDateTime(v.publishedAt)}</span>
        ${v.note ? html`<span class="note" data-testid="version-note">${v.note}</span>` : nothing}
      </button>
      ${this.canActivate && !v.active
        ? this.confirming === v.version
          ? html`<div class="confirm" role="alertdialog" aria-label=${msg('Confirm')}>
              <p>${msg(str`Make version ${v.version} active? New conversations start on it; chats already going keep their version.`)}</p>
              <div class="confirm-actions">
                <button class="primary" data-testid="confirm-activate" @click=${() => this.#activate(v.version)}>
                  ${v.version < activeVersion ? msg('Roll back') : msg('Activate')}
                </button>
                <button data-testid="cancel-activate" @click=${() => (this.confirming = null)}>${msg('Cancel')}</button>
              </div>
            </div>`
          : html`<button
              class="activate"
              data-testid="activate-version"
              ?disabled=${this.activating !== null}
              @click=${() => (this.confirming = v.version)}
            >
              ${this.activating === v.version ? msg('Activating…') : label}
            </button>`
        : nothing}
    </li>`;
  }
}

customElements.define('baton-flow-versions', BatonFlowVersions);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flow-versions': BatonFlowVersions;
  }
}
