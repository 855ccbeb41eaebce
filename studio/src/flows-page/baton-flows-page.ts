import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import '../flow-diff/baton-flow-diff.ts';
import type { FlowFile } from '../flow-diff/file-changes.ts';
import '../flow-editor/baton-flow-editor.ts';
import '../flow-simulator/baton-flow-simulator.ts';
import '../flow-versions/baton-flow-versions.ts';
import type { FlowCompareEvent } from '../flow-versions/flow-compare-event.ts';
import './baton-flow-publish.ts';
import { actorName } from '../shared/actor-name.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import type { FlowPublishedEvent, FlowVersionEvent } from '../shared/events.ts';
import { formatDateTime } from '../shared/format.ts';
import { flowsPageStyles } from './baton-flows-page.styles.ts';
import { versionLabel } from './version-label.ts';

interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

/** how long the draft must rest before the simulator replays the conversation on it */
const SIMULATE_AFTER_TYPING_MS = 600;

/**
 * Studio › Flows (supervisors and admins): the published versions and their activation history on
 * the left; on the right the chosen version's files, read-only, or a draft started from it with the
 * simulator beside it (a dry run of the draft, not of the published flows). Admins publish drafts
 * (a diff against the active version and a note; refused when someone published meanwhile) and roll
 * back to older versions. Any two versions can be compared.
 */
export class BatonFlowsPage extends LitElement {
  static override styles = [controlStyles, flowsPageStyles];
  static override properties = {
    operator: { attribute: false },
    selected: { state: true },
    editing: { state: true },
    activating: { state: true },
    notice: { state: true },
    draftBase: { state: true },
    draftRevision: { state: true },
    publishing: { state: true },
    comparing: { state: true },
  };

  declare operator: OperatorDto;
  declare selected: number | null;
  declare editing: boolean;
  declare activating: number | null;
  declare notice: Notice | null;
  /** the version that was active when the draft was started: a publish over another one is refused */
  declare draftBase: number | null;
  /** bumped when the draft rests after a change: the simulator replays on it */
  declare draftRevision: number;
  declare publishing: boolean;
  declare comparing: { from: number; to: number } | null;
  #draftTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #comparison = new Task(this, {
    args: (): [{ from: number; to: number } | null] => [this.comparing],
    task: async ([pair], { signal }) => {
      if (!pair) return null;
      const [from, to] = await Promise.all([api.flowVersion(pair.from, signal), api.flowVersion(pair.to, signal)]);
      return { from, to };
    },
  });

  readonly #versions = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => {
      const list = await api.flowVersions(signal);
      if (this.selected === null || !list.versions.some((v) => v.version === this.selected)) {
        this.selected = list.versions.find((v) => v.active)?.version ?? list.versions[0]?.version ?? null;
      }
      return list;
    },
  });

  readonly #operatorNames = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => new Map((await api.operators(signal)).operators.map((o) => [o.id, o.name])),
  });

  readonly #files = new Task(this, {
    args: (): [number | null] => [this.selected],
    task: ([version], { signal }) => (version === null ? Promise.resolve(null) : api.flowVersion(version, signal)),
  });

  constructor() {
    super();
    this.selected = null;
    this.editing = false;
    this.activating = null;
    this.notice = null;
    this.draftBase = null;
    this.draftRevision = 0;
    this.publishing = false;
    this.comparing = null;
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#draftTimer);
    super.disconnectedCallback();
  }

  get #isAdmin(): boolean {
    return this.operator.role === 'admin';
  }

  /** true when there is no draft to lose, or the operator agreed to lose it */
  #mayLeaveDraft(): boolean {
    const editor = this.renderRoot.querySelector('baton-flow-editor');
    return !editor?.dirty || confirm(msg('Discard the changes in your draft?'));
  }

  #onVersion(event: FlowVersionEvent): void {
    if (event.action === 'activate') {
      void this.#activate(event.version);
      return;
    }
    if (event.version === this.selected && !this.editing) return;
    if (!this.#mayLeaveDraft()) return;
    this.selected = event.version;
    this.editing = false;
    this.comparing = null;
    this.notice = null;
  }

  #onCompare(event: FlowCompareEvent): void {
    if (!this.#mayLeaveDraft()) return;
    this.editing = false;
    this.comparing = { from: event.from, to: event.to };
  }

  #startDraft(): void {
    this.draftBase = this.#versions.value?.versions.find((v) => v.active)?.version ?? this.selected;
    this.editing = true;
    this.notice = null;
  }

  /** the draft's files as they stand (the editor's `drafts`: file name → text) */
  #draftFiles(): FlowFile[] {
    const editor = this.renderRoot.querySelector('baton-flow-editor');
    return editor ? [...editor.drafts].map(([file, source]) => ({ file, source })) : [];
  }

  #onDraftChange(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => (this.draftRevision += 1), SIMULATE_AFTER_TYPING_MS);
  }

  async #activate(version: number): Promise<void> {
    this.activating = version;
    this.notice = null;
    try {
      await api.activateFlowVersion(version);
      // show what is live now, unless that would throw away a draft in progress
      if (!this.editing) this.selected = version;
      this.notice = { kind: 'ok', text: msg(str`Version ${version} is active. New conversations start on it.`) };
      await this.#versions.run();
    } catch (error) {
      this.notice = { kind: 'error', text: msg(str`Could not activate version ${version}: ${describeError(error)}`) };
    } finally {
      this.activating = null;
    }
  }

  async #onPublished(event: FlowPublishedEvent): Promise<void> {
    const { version } = event.version;
    this.publishing = false;
    this.editing = false;
    this.selected = version;
    this.notice = { kind: 'ok', text: msg(str`Published version ${version}. It is active now.`) };
    await this.#versions.run();
  }

  /** closed without publishing; a refusal may have been news of another version: show the list as it is now */
  #onPublishDismissed(): void {
    this.publishing = false;
    void this.#versions.run();
  }

  #discard(): void {
    if (this.#mayLeaveDraft()) this.editing = false;
  }

  override render() {
    const list = this.#versions.value;
    return html`<aside>
        ${list
          ? html`<baton-flow-versions
              .versions=${list.versions}
              .activations=${list.activations}
              .operatorNames=${this.#operatorNames.value ?? new Map()}
              .selected=${this.selected}
              .canActivate=${this.#isAdmin}
              .activating=${this.activating}
              @flow-version=${this.#onVersion}
              @flow-compare=${this.#onCompare}
            ></baton-flow-versions>`
          : this.#versions.status === TaskStatus.ERROR
            ? html`<div class="error" role="alert">${msg(str`Could not load the versions: ${describeError(this.#versions.error)}`)}</div>`
            : html`<p class="muted">${msg('Loading versions…')}</p>`}
      </aside>
      <section class="main">
        ${this.#renderHeader()}
        ${this.notice
          ? html`<div class="notice ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'} data-testid="flows-notice">
              ${this.notice.text}
            </div>`
          : nothing}
        ${this.comparing ? this.#renderComparison(this.comparing) : this.#renderFiles()}
      </section>
      ${this.publishing && this.draftBase !== null
        ? html`<baton-flow-publish
            .draft=${this.#draftFiles()}
            .baseVersion=${this.draftBase}
            @flow-published=${this.#onPublished}
            @dismiss=${this.#onPublishDismissed}
          ></baton-flow-publish>`
        : nothing}`;
  }

  #renderComparison(pair: { from: number; to: number }) {
    const loaded = this.#comparison.value;
    return html`<div class="comparison" data-testid="version-comparison">
      <div class="comparison-head">
        <h2>${msg(str`Version ${pair.from} → version ${pair.to}`)}</h2>
        <button data-testid="close-comparison" @click=${() => (this.comparing = null)}>${msg('Close comparison')}</button>
      </div>
      ${this.#comparison.status === TaskStatus.ERROR
        ? html`<div class="error" role="alert">${msg(str`Could not load the versions: ${describeError(this.#comparison.error)}`)}</div>`
        : loaded && loaded.from.version.version === pair.from && loaded.to.version.version === pair.to
          ? html`<baton-flow-diff .from=${loaded.from.files} .to=${loaded.to.files} from-label=${versionLabel(pair.from)} to-label=${versionLabel(pair.to)}></baton-flow-diff>`
          : html`<p class="muted">${msg('Loading…')}</p>`}
    </div>`;
  }

  #renderHeader() {
    const version = this.#versions.value?.versions.find((v) => v.version === this.selected);
    if (!version) return nothing;
    const by = actorName(version.publishedBy, this.#operatorNames.value ?? new Map());
    return html`<header>
      <div class="title">
        <h2 data-testid="flows-heading">
          ${this.editing ? msg(str`Draft from version ${version.version}`) : msg(str`Version ${version.version}`)}
          ${version.active ? html`<span class="badge active">${msg('Active', { id: 'version-active', desc: 'the flow version new conversations start on' })}</span>` : nothing}
          ${this.editing ? nothing : html`<span class="badge">${msg('Read-only')}</span>`}
        </h2>
        <div class="sub">
          ${this.editing
            ? this.#isAdmin
              ? msg('Edit the files, validate, then publish as a new version.')
              : msg('Edit the files and validate; an admin publishes.')
            : msg(str`Published by ${by} · ${formatDateTime(version.publishedAt)}`)}
        </div>
      </div>
      ${this.editing
        ? html`<button data-testid="discard-draft" @click=${this.#discard}>${msg('Discard draft')}</button>
            ${this.#isAdmin
              ? html`<button class="primary" data-testid="publish-button" @click=${() => (this.publishing = true)}>${msg('Publish…')}</button>`
              : html`<span class="muted" title=${msg('Publishing is for admins')}>${msg('Only admins publish')}</span>`}`
        : html`<button class="primary" data-testid="edit-version" ?disabled=${!this.#files.value} @click=${this.#startDraft}>
            ${msg('Edit from this version')}
          </button>`}
    </header>`;
  }

  #renderFiles() {
    const detail = this.#files.value;
    if (this.#files.status === TaskStatus.ERROR) {
      return html`<div class="error" role="alert">${msg(str`Could not load version ${this.selected}: ${describeError(this.#files.error)}`)}</div>`;
    }
    if (!detail || detail.version.version !== this.selected) {
      return this.selected === null && this.#versions.status === TaskStatus.COMPLETE
        ? html`<p class="muted">${msg('No flow version has been published yet.')}</p>`
        : html`<p class="muted">${msg('Loading files…')}</p>`;
    }
    const editor = html`<baton-flow-editor
      .source=${detail}
      ?editing=${this.editing}
      .canPublish=${this.#isAdmin}
      .publishHere=${false}
      @draft-change=${this.#onDraftChange}
    ></baton-flow-editor>`;
    if (!this.editing) return editor;
    // publishing is the page's (diff + note + stale check): publishHere=false hides the editor's own
    return html`<div class="workspace">
      ${editor}
      <section class="simulator" aria-label=${msg('Simulator')}>
        <h3>${msg('Simulator')} <span class="muted">${msg('· the draft, not the published flows')}</span></h3>
        <baton-flow-simulator .draftFiles=${() => this.#draftFiles()} .revision=${this.draftRevision}></baton-flow-simulator>
      </section>
    </div>`;
  }
}

customElements.define('baton-flows-page', BatonFlowsPage);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flows-page': BatonFlowsPage;
  }
}
