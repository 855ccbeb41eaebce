import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import '../flow-editor/baton-flow-editor.ts';
import '../flow-versions/baton-flow-versions.ts';
import { actorName } from '../shared/actor-name.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import type { FlowPublishedEvent, FlowVersionEvent } from '../shared/events.ts';
import { formatDateTime } from '../shared/format.ts';
import { flowsPageStyles } from './baton-flows-page.styles.ts';

interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * Studio › Flows (supervisors and admins): the published versions and their activation history on
 * the left; on the right the chosen version's files, read-only, or a draft started from it. Admins
 * publish drafts and roll back to older versions.
 */
export class BatonFlowsPage extends LitElement {
  static override styles = [controlStyles, flowsPageStyles];
  static override properties = {
    operator: { attribute: false },
    selected: { state: true },
    editing: { state: true },
    activating: { state: true },
    notice: { state: true },
  };

  declare operator: OperatorDto;
  declare selected: number | null;
  declare editing: boolean;
  declare activating: number | null;
  declare notice: Notice | null;

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
  }

  get #isAdmin(): boolean {
    return this.operator.role === 'admin';
  }

  /** true when there is no draft to lose, or the operator agreed to lose it */
  #mayLeaveDraft(): boolean {
    const editor = this.renderRoot.querySelector('baton-flow-editor');
    return !editor?.dirty || confirm('Discard the changes in your draft?');
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
    this.notice = null;
  }

  async #activate(version: number): Promise<void> {
    this.activating = version;
    this.notice = null;
    try {
      await api.activateFlowVersion(version);
      // show what is live now, unless that would throw away a draft in progress
      if (!this.editing) this.selected = version;
      this.notice = { kind: 'ok', text: `Version ${version} is active. New conversations start on it.` };
      await this.#versions.run();
    } catch (error) {
      this.notice = { kind: 'error', text: `Could not activate version ${version}: ${describeError(error)}` };
    } finally {
      this.activating = null;
    }
  }

  async #onPublished(event: FlowPublishedEvent): Promise<void> {
    const { version } = event.version;
    this.editing = false;
    this.selected = version;
    this.notice = { kind: 'ok', text: `Published version ${version}. It is active now.` };
    await this.#versions.run();
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
            ></baton-flow-versions>`
          : this.#versions.status === TaskStatus.ERROR
            ? html`<div class="error" role="alert">Could not load the versions: ${describeError(this.#versions.error)}</div>`
            : html`<p class="muted">Loading versions…</p>`}
      </aside>
      <section class="main">
        ${this.#renderHeader()}
        ${this.notice
          ? html`<div class="notice ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'} data-testid="flows-notice">
              ${this.notice.text}
            </div>`
          : nothing}
        ${this.#renderFiles()}
      </section>`;
  }

  #renderHeader() {
    const version = this.#versions.value?.versions.find((v) => v.version === this.selected);
    if (!version) return nothing;
    const by = actorName(version.publishedBy, this.#operatorNames.value ?? new Map());
    return html`<header>
      <div class="title">
        <h2 data-testid="flows-heading">
          ${this.editing ? `Draft from version ${version.version}` : `Version ${version.version}`}
          ${version.active ? html`<span class="badge active">Active</span>` : nothing}
          ${this.editing ? nothing : html`<span class="badge">Read-only</span>`}
        </h2>
        <div class="sub">
          ${this.editing
            ? this.#isAdmin
              ? 'Edit the files, validate, then publish as a new version.'
              : 'Edit the files and validate; an admin publishes.'
            : `Published by ${by} · ${formatDateTime(version.publishedAt)}`}
        </div>
      </div>
      ${this.editing
        ? html`<button data-testid="discard-draft" @click=${this.#discard}>Discard draft</button>`
        : html`<button class="primary" data-testid="edit-version" ?disabled=${!this.#files.value} @click=${() => (this.editing = true)}>
            Edit from this version
          </button>`}
    </header>`;
  }

  #renderFiles() {
    const detail = this.#files.value;
    if (this.#files.status === TaskStatus.ERROR) {
      return html`<div class="error" role="alert">Could not load version ${this.selected}: ${describeError(this.#files.error)}</div>`;
    }
    if (!detail || detail.version.version !== this.selected) {
      return this.selected === null && this.#versions.status === TaskStatus.COMPLETE
        ? html`<p class="muted">No flow version has been published yet.</p>`
        : html`<p class="muted">Loading files…</p>`;
    }
    return html`<baton-flow-editor
      .source=${detail}
      ?editing=${this.editing}
      .canPublish=${this.#isAdmin}
      @flow-published=${this.#onPublished}
    ></baton-flow-editor>`;
  }
}

customElements.define('baton-flows-page', BatonFlowsPage);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flows-page': BatonFlowsPage;
  }
}
