import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { FlowFilesRequest, FlowProblemDto, FlowVersionResponse } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import '../code-area/baton-code-area.ts';
import '../flow-problems/baton-flow-problems.ts';
import { problemsFromError } from '../flow-problems/problems-from-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { FlowPublishedEvent, type CodeInputEvent, type FlowProblemSelectEvent } from '../shared/events.ts';
import { flowEditorStyles } from './baton-flow-editor.styles.ts';

type Verdict = 'valid' | 'invalid' | null;

const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);

/**
 * A flow version's files, one tab each. Read-only until `editing`; then the files are a draft that
 * Validate checks (`POST /api/flows/validate`) and Publish (admins) stores as the new active version.
 * Problems from either read `file:line:col message [code]`; picking one opens its file at its line.
 *
 * @event flow-published - the draft is now the active version
 */
export class BatonFlowEditor extends LitElement {
  static override styles = [controlStyles, flowEditorStyles];
  static override properties = {
    source: { attribute: false },
    editing: { type: Boolean },
    canPublish: { attribute: false },
    drafts: { state: true },
    activeFile: { state: true },
    problems: { state: true },
    verdict: { state: true },
    stale: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  /** the version shown, and the starting point of a draft */
  declare source: FlowVersionResponse | null;
  declare editing: boolean;
  declare canPublish: boolean;
  declare drafts: ReadonlyMap<string, string>;
  declare activeFile: string | null;
  declare problems: FlowProblemDto[];
  declare verdict: Verdict;
  /** the draft changed since the last verdict */
  declare stale: boolean;
  declare busy: 'validate' | 'publish' | null;
  declare error: string | null;

  readonly #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.dirty) event.preventDefault();
  };

  constructor() {
    super();
    this.source = null;
    this.editing = false;
    this.canPublish = false;
    this.drafts = new Map();
    this.activeFile = null;
    this.problems = [];
    this.verdict = null;
    this.stale = false;
    this.busy = null;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.#onBeforeUnload);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
    super.disconnectedCallback();
  }

  /** the draft differs from the version it started from */
  get dirty(): boolean {
    if (!this.editing || !this.source) return false;
    return this.source.files.some((f) => this.drafts.get(f.file) !== f.source);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source') || changed.has('editing')) {
      const files = this.source?.files ?? [];
      this.drafts = new Map(files.map((f) => [f.file, f.source]));
      if (!this.activeFile || !this.drafts.has(this.activeFile)) {
        // the flow itself is what people come to edit; fall back to the first file
        this.activeFile = files.find((f) => f.file.endsWith('.flow.yaml'))?.file ?? files[0]?.file ?? null;
      }
      this.problems = [];
      this.verdict = null;
      this.stale = false;
      this.error = null;
    }
  }

  #request(): FlowFilesRequest {
    return { files: [...this.drafts].map(([file, source]) => ({ file, source })) };
  }

  #onCodeInput(event: CodeInputEvent): void {
    if (!this.activeFile) return;
    const next = new Map(this.drafts);
    next.set(this.activeFile, event.value);
    this.drafts = next;
    if (this.verdict) this.stale = true;
  }

  #showResult(problems: FlowProblemDto[]): void {
    this.problems = problems;
    this.verdict = problems.length ? 'invalid' : 'valid';
    this.stale = false;
  }

  async #validate(): Promise<void> {
    this.busy = 'validate';
    this.error = null;
    try {
      const result = await api.validateFlows(this.#request());
      this.#showResult(result.ok ? [] : result.problems);
    } catch (error) {
      this.error = `Could not validate: ${describeError(error)}`;
    } finally {
      this.busy = null;
    }
  }

  async #publish(): Promise<void> {
    this.busy = 'publish';
    this.error = null;
    try {
      const { version } = await api.publishFlows(this.#request());
      this.dispatchEvent(new FlowPublishedEvent(version));
    } catch (error) {
      const problems = problemsFromError(error);
      if (problems) {
        this.#showResult(problems);
        this.error = 'Not published: the flows have problems.';
      } else {
        this.error = `Could not publish: ${describeError(error)}`;
      }
    } finally {
      this.busy = null;
    }
  }

  async #goTo(event: FlowProblemSelectEvent): Promise<void> {
    const { file, line, col } = event.problem;
    if (!this.drafts.has(file)) return;
    this.activeFile = file;
    await this.updateComplete;
    await this.renderRoot.querySelector('baton-code-area')?.reveal(line, col);
  }

  override render() {
    const files = [...this.drafts.keys()];
    const active = this.activeFile;
    const problemsIn = (file: string) => this.problems.filter((p) => p.file === file);
    const changed = (file: string) => this.source?.files.find((f) => f.file === file)?.source !== this.drafts.get(file);
    return html`<div class="tabs" role="tablist" aria-label="Files">
          ${files.map((file) => {
            const count = problemsIn(file).length;
            return html`<button
              role="tab"
              aria-selected=${file === active ? 'true' : 'false'}
              title=${file}
              data-testid="file-tab"
              data-file=${file}
              @click=${() => (this.activeFile = file)}
            >
              ${baseName(file)}${this.editing && changed(file) ? html`<span class="dirty" title="edited">•</span>` : nothing}
              ${count ? html`<span class="count">${count}</span>` : nothing}
            </button>`;
          })}
      </div>
      ${active
        ? html`<baton-code-area
            label=${active}
            ?readonly=${!this.editing}
            .value=${this.drafts.get(active) ?? ''}
            .markedLines=${new Set(problemsIn(active).map((p) => p.line))}
            @code-input=${this.#onCodeInput}
          ></baton-code-area>`
        : html`<p class="muted empty">This version has no files.</p>`}
      ${this.editing ? this.#renderActions() : nothing}
      ${this.editing && (this.problems.length || this.error) ? this.#renderProblems(files) : nothing}`;
  }

  #renderActions() {
    const verdict =
      this.verdict === 'valid'
        ? html`<span class="verdict valid">✓ No problems</span>`
        : this.verdict === 'invalid'
          ? html`<span class="verdict invalid">${this.problems.length} problem${this.problems.length === 1 ? '' : 's'}</span>`
          : nothing;
    return html`<div class="actions">
      <span class="status" data-testid="flow-verdict" data-verdict=${this.verdict ?? 'none'} data-stale=${this.stale ? 'true' : 'false'}
        >${verdict}${this.verdict && this.stale ? html`<span class="muted"> · edited since</span>` : nothing}</span
      >
      <button data-testid="validate-button" ?disabled=${this.busy !== null} @click=${this.#validate}>
        ${this.busy === 'validate' ? 'Validating…' : 'Validate'}
      </button>
      ${this.canPublish
        ? html`<button class="primary" data-testid="publish-button" ?disabled=${this.busy !== null} @click=${this.#publish}>
            ${this.busy === 'publish' ? 'Publishing…' : 'Publish'}
          </button>`
        : html`<span class="muted" title="Publishing is for admins">Only admins publish</span>`}
    </div>`;
  }

  #renderProblems(files: string[]) {
    return html`<section class="problems" aria-label="Problems">
      ${this.error ? html`<div class="error" role="alert" data-testid="flow-editor-error">${this.error}</div>` : nothing}
      <baton-flow-problems
        .problems=${this.problems}
        .files=${new Set(files)}
        ?stale=${this.stale}
        @flow-problem-select=${this.#goTo}
      ></baton-flow-problems>
    </section>`;
  }
}

customElements.define('baton-flow-editor', BatonFlowEditor);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flow-editor': BatonFlowEditor;
  }
}
