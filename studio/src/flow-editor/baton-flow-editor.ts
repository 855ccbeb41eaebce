import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { FlowFilesRequest, FlowProblemDto, FlowVersionResponse } from '../../../engine/contracts/rest.ts';
import type { FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import '../flow-problems/baton-flow-problems.ts';
import { problemsFromError } from '../flow-problems/problems-from-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { FlowPublishedEvent, type CodeInputEvent, type FlowProblemSelectEvent } from '../shared/events.ts';
import { formatTime } from '../shared/format.ts';
import { DRAFT_VIEWS, draftViewName, type DraftView } from '../flow-forms/draft-views.ts';
import type { FlowFileEditEvent } from '../flow-forms/flow-form-change-event.ts';
import type { FlowNodeSelectEvent } from '../flow-graph/flow-node-select-event.ts';
import '../yaml-editor/baton-yaml-editor.ts';
import { draftIds } from '../yaml-editor/draft-ids.ts';
import type { FlowAssistSource } from '../yaml-editor/flow-assist.ts';
import { validateDraft } from '../yaml-editor/validate-draft.ts';
import { flowEditorStyles } from './baton-flow-editor.styles.ts';
import { DraftChangeEvent } from './draft-change-event.ts';
import { forgetSavedDraft, loadSavedDraft, saveDraft } from './saved-drafts.ts';

type Verdict = 'valid' | 'invalid' | null;

const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);

/**
 * `<baton-flow-editor>`: a flow version's files, one tab each, in a YAML editor (CodeMirror).
 * Read-only until `editing`; then the files are a draft, checked as you type by the validator
 * `baton validate` runs (problems underlined, listed below, F8 to the next), with completion
 * (Ctrl+Space) and hover help from the schemas. Validate asks the server (the authority, which
 * also knows the plugins' step kinds); Publish (admins) stores the draft as the new active version.
 * Ctrl/Cmd+S saves the draft in this browser and validates it on the server; starting a draft
 * from the same version again brings the saved one back. Shift+Alt+F formats the file.
 * Besides the YAML, the draft shows as a graph (a node's click selects its YAML) and as forms for
 * the common settings (hours, canned responses, handoff keywords, survey), which rewrite the file.
 *
 * Properties:
 * - `source` (FlowVersionResponse | null): the version shown, and the starting point of a draft
 * - `editing` (boolean): the files are a draft
 * - `canPublish` (boolean): the operator may publish (admins)
 * - `publishHere` (boolean, default true): show the editor's own Publish button (or, to others, that
 *   admins publish); false where the page around it publishes the draft itself
 *
 * Read-only API:
 * - `draftFiles` (FlowSource[]): the draft's files as they stand (the version's files when not editing)
 * - `dirty` (boolean): the draft differs from the version it started from
 * - `problems` (FlowProblemDto[]): the problems shown (as you type, or the server's last answer)
 *
 * @event draft-change - `DraftChangeEvent.files`: the draft changed (every keystroke; started, restored)
 * @event flow-published - `FlowPublishedEvent.version`: the draft is now the active version
 */
export class BatonFlowEditor extends LitElement {
  static override styles = [controlStyles, flowEditorStyles];
  static override properties = {
    source: { attribute: false },
    editing: { type: Boolean },
    canPublish: { attribute: false },
    publishHere: { attribute: false },
    drafts: { state: true },
    activeFile: { state: true },
    liveProblems: { state: true },
    serverProblems: { state: true },
    verdict: { state: true },
    stale: { state: true },
    busy: { state: true },
    error: { state: true },
    notice: { state: true },
    restoredFrom: { state: true },
    view: { state: true },
  };

  /** the version shown, and the starting point of a draft */
  declare source: FlowVersionResponse | null;
  declare editing: boolean;
  declare canPublish: boolean;
  declare publishHere: boolean;
  declare drafts: ReadonlyMap<string, string>;
  declare activeFile: string | null;
  /** the problems found in the browser, as the draft was at the last pause in typing */
  declare liveProblems: readonly FlowProblemDto[];
  /** the server's problems for the draft as it was validated or published */
  declare serverProblems: readonly FlowProblemDto[];
  declare verdict: Verdict;
  /** the draft changed since the last verdict */
  declare stale: boolean;
  declare busy: 'validate' | 'publish' | null;
  declare error: string | null;
  /** a passing word: the draft was saved */
  declare notice: string | null;
  /** when the draft now shown was saved, when it was brought back from this browser */
  declare restoredFrom: string | null;
  /** the YAML, or the graph or a form drawn from it */
  declare view: 'yaml' | DraftView;

  readonly #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.dirty) event.preventDefault();
  };

  readonly #onKeyDown = (event: KeyboardEvent) => {
    if (!this.editing || !(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
    // the browser's own Ctrl+S would save the page, never what anyone meant here
    event.preventDefault();
    void this.#save();
  };

  /** what the YAML editor asks for its underlines and completions */
  readonly #assist: FlowAssistSource = {
    problems: async (text) => {
      const file = this.activeFile;
      const files = this.draftFiles.map((f) => (f.file === file ? { file, source: text } : f));
      const problems = await validateDraft(files);
      // typing went on meanwhile: the editor drops this answer, and so does the list
      if (this.drafts.get(file ?? '') !== text) return [];
      this.liveProblems = problems;
      return problems.filter((problem) => problem.file === file);
    },
    ids: () => draftIds([...this.drafts.values()]),
  };

  constructor() {
    super();
    this.source = null;
    this.editing = false;
    this.canPublish = false;
    this.publishHere = true;
    this.drafts = new Map();
    this.activeFile = null;
    this.liveProblems = [];
    this.serverProblems = [];
    this.verdict = null;
    this.stale = false;
    this.busy = null;
    this.error = null;
    this.notice = null;
    this.restoredFrom = null;
    this.view = 'yaml';
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.#onBeforeUnload);
    this.addEventListener('keydown', this.#onKeyDown);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
    this.removeEventListener('keydown', this.#onKeyDown);
    super.disconnectedCallback();
  }

  /** the draft differs from the version it started from */
  get dirty(): boolean {
    if (!this.editing || !this.source) return false;
    return this.source.files.some((f) => this.drafts.get(f.file) !== f.source);
  }

  /** the draft's files as they stand */
  get draftFiles(): FlowSource[] {
    return [...this.drafts].map(([file, source]) => ({ file, source }));
  }

  /**
   * the problems listed: the server's answer while the draft is as it was sent (its "no problems" too: the
   * check as you type may not have caught up with the last edit yet), else those found as you type
   */
  get problems(): readonly FlowProblemDto[] {
    return this.verdict && !this.stale ? this.serverProblems : this.liveProblems;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('source') && !changed.has('editing')) return;
    const files = this.source?.files ?? [];
    const version = this.source?.version.version;
    if (changed.has('editing') && !this.editing && changed.get('editing') === true && version !== undefined) {
      // published or discarded: the saved copy has served its purpose
      forgetSavedDraft(version);
    }
    const saved = this.editing && version !== undefined ? loadSavedDraft(version) : null;
    this.drafts = new Map(files.map((f) => [f.file, saved?.files.find((s) => s.file === f.file)?.source ?? f.source]));
    this.restoredFrom = saved && this.dirty ? saved.savedAt : null;
    this.notice = null;
    if (!this.activeFile || !this.drafts.has(this.activeFile)) {
      // the flow itself is what people come to edit; fall back to the first file
      this.activeFile = files.find((f) => f.file.endsWith('.flow.yaml'))?.file ?? files[0]?.file ?? null;
    }
    this.liveProblems = [];
    this.serverProblems = [];
    this.verdict = null;
    this.stale = false;
    this.error = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('drafts') && this.editing) this.dispatchEvent(new DraftChangeEvent(this.draftFiles));
  }

  #request(): FlowFilesRequest {
    return { files: this.draftFiles };
  }

  #onCodeInput(event: CodeInputEvent): void {
    event.stopPropagation();
    if (!this.activeFile || !this.editing || this.drafts.get(this.activeFile) === event.value) return;
    const next = new Map(this.drafts);
    next.set(this.activeFile, event.value);
    this.drafts = next;
    if (this.verdict) this.stale = true;
  }

  /** A form rewrote a file: the draft takes it (undoable in the YAML editor) and is checked again. */
  async #onFileEdit(event: FlowFileEditEvent): Promise<void> {
    event.stopPropagation();
    if (!this.editing || !this.drafts.has(event.file)) return;
    const next = new Map(this.drafts);
    next.set(event.file, event.text);
    this.drafts = next;
    if (this.verdict) this.stale = true;
    const problems = await validateDraft(this.draftFiles);
    if (this.drafts === next) this.liveProblems = problems;
  }

  async #onNodeSelect(event: FlowNodeSelectEvent): Promise<void> {
    const { file, from, to } = event.source;
    if (!this.drafts.has(file)) return;
    this.activeFile = file;
    this.view = 'yaml';
    await this.updateComplete;
    await this.renderRoot.querySelector('baton-yaml-editor')?.select(from, to);
  }

  #showView(view: 'yaml' | DraftView): void {
    // the graph and the forms bring dagre and the forms' code: fetched when first shown
    if (view !== 'yaml') void import('../flow-forms/baton-draft-views.ts');
    this.view = view;
  }

  #showResult(problems: FlowProblemDto[]): void {
    this.serverProblems = problems;
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
      this.error = msg(str`Could not validate: ${describeError(error)}`);
    } finally {
      this.busy = null;
    }
  }

  async #save(): Promise<void> {
    const version = this.source?.version.version;
    if (version === undefined) return;
    this.notice = saveDraft(version, this.draftFiles)
      ? msg(str`Draft saved in this browser at ${formatTime(Date.now())}.`)
      : msg('This browser does not keep drafts (storage is off or full): publish to keep your changes.');
    if (this.busy === null) await this.#validate();
  }

  #startOver(): void {
    const version = this.source?.version.version;
    if (version === undefined || !confirm(msg('Throw away the saved draft and start again from the version?'))) return;
    forgetSavedDraft(version);
    this.drafts = new Map((this.source?.files ?? []).map((f) => [f.file, f.source]));
    this.notice = null;
    this.restoredFrom = null;
    this.verdict = null;
    this.stale = false;
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
        this.error = msg('Not published: the flows have problems.');
      } else {
        this.error = msg(str`Could not publish: ${describeError(error)}`);
      }
    } finally {
      this.busy = null;
    }
  }

  #format(): void {
    this.error = this.renderRoot.querySelector('baton-yaml-editor')?.format() === false ? msg('Cannot format this file: fix its YAML syntax error first.') : null;
  }

  #showFile(file: string): void {
    this.activeFile = file;
    this.view = 'yaml';
  }

  async #goTo(event: FlowProblemSelectEvent): Promise<void> {
    const { file, line, col } = event.problem;
    if (!this.drafts.has(file)) return;
    this.#showFile(file);
    await this.updateComplete;
    await this.renderRoot.querySelector('baton-yaml-editor')?.reveal(line, col);
  }

  override render() {
    const files = [...this.drafts.keys()];
    const active = this.activeFile;
    const problems = this.editing ? this.problems : [];
    const problemsIn = (file: string) => problems.filter((p) => p.file === file);
    const changed = (file: string) => this.source?.files.find((f) => f.file === file)?.source !== this.drafts.get(file);
    return html`<div class="tabs" role="tablist" aria-label=${msg('View', { desc: 'the tabs that show the draft as YAML, a graph or a form' })}>
        ${(['yaml', ...DRAFT_VIEWS] as const).map(
          (view) => html`<button role="tab" aria-selected=${this.view === view ? 'true' : 'false'} data-testid="view-tab" data-view=${view} @click=${() => this.#showView(view)}>
            ${view === 'yaml' ? 'YAML' : draftViewName(view)}
          </button>`,
        )}
      </div>
      <div class="tabs" role="tablist" aria-label=${msg('Files')}>
        ${files.map((file) => {
          const count = problemsIn(file).length;
          return html`<button
            role="tab"
            aria-selected=${file === active ? 'true' : 'false'}
            title=${file}
            data-testid="file-tab"
            data-file=${file}
            @click=${() => this.#showFile(file)}
          >
            ${baseName(file)}${this.editing && changed(file) ? html`<span class="dirty" title=${msg('edited', { desc: 'a file changed in the draft' })}>•</span>` : nothing}
            ${count ? html`<span class="count" data-testid="file-problem-count">${count}</span>` : nothing}
          </button>`;
        })}
      </div>
      ${active
        ? html`<baton-yaml-editor
            data-testid="yaml-editor"
            label=${active}
            ?readonly=${!this.editing}
            .value=${this.drafts.get(active) ?? ''}
            .assist=${this.editing ? this.#assist : null}
            style=${this.view === 'yaml' ? '' : 'display: none'}
            @code-input=${this.#onCodeInput}
          ></baton-yaml-editor>`
        : html`<p class="muted empty">${msg('This version has no files.')}</p>`}
      ${this.view === 'yaml'
        ? nothing
        : html`<baton-draft-views
            .files=${this.draftFiles}
            .view=${this.view}
            ?readonly=${!this.editing}
            @flow-file-edit=${this.#onFileEdit}
            @flow-node-select=${this.#onNodeSelect}
          ></baton-draft-views>`}
      ${this.editing ? this.#renderActions(problems) : nothing}
      ${this.editing && (problems.length || this.error) ? this.#renderProblems(files, problems) : nothing}`;
  }

  #renderActions(problems: readonly FlowProblemDto[]) {
    const verdict =
      this.verdict === 'valid'
        ? html`<span class="verdict valid">${msg('✓ No problems')}</span>`
        : this.verdict === 'invalid'
          ? html`<span class="verdict invalid">${this.serverProblems.length === 1 ? msg('1 problem') : msg(str`${this.serverProblems.length} problems`)}</span>`
          : nothing;
    const live = this.verdict && !this.stale ? nothing : html`<span class="live" data-testid="live-problem-count" data-count=${problems.length}>
          ${problems.length === 0 ? msg('No problems so far') : problems.length === 1 ? msg('1 problem so far') : msg(str`${problems.length} problems so far`)}
        </span>`;
    return html`<div class="actions">
        <span class="status" data-testid="flow-verdict" data-verdict=${this.verdict ?? 'none'} data-stale=${this.stale ? 'true' : 'false'}
          >${verdict}${this.verdict && this.stale ? html`<span class="muted"> · ${msg('edited since')}</span>` : nothing} ${live}</span
        >
        <button data-testid="format-button" title=${msg('Format the file (Shift+Alt+F)')} @click=${this.#format}>${msg('Format')}</button>
        <button data-testid="validate-button" title=${msg('Check on the server (Ctrl+S saves and checks)')} ?disabled=${this.busy !== null} @click=${this.#validate}>
          ${this.busy === 'validate' ? msg('Validating…') : msg('Validate')}
        </button>
        ${!this.publishHere
          ? nothing
          : this.canPublish
            ? html`<button class="primary" data-testid="publish-button" ?disabled=${this.busy !== null} @click=${this.#publish}>
                ${this.busy === 'publish' ? msg('Publishing…') : msg('Publish')}
              </button>`
            : html`<span class="muted" title=${msg('Publishing is for admins')}>${msg('Only admins publish')}</span>`}
      </div>
      ${this.notice ? html`<div class="notice" role="status" data-testid="draft-notice">${this.notice}</div>` : nothing}
      ${this.restoredFrom
        ? html`<div class="notice" role="status" data-testid="draft-restored">
            ${msg(str`Restored the draft you saved in this browser at ${formatTime(Date.parse(this.restoredFrom))}.`)}
            <button class="link" data-testid="start-over" @click=${this.#startOver}>${msg(str`Start over from version ${this.source?.version.version ?? ''}`)}</button>
          </div>`
        : nothing}`;
  }

  #renderProblems(files: string[], problems: readonly FlowProblemDto[]) {
    return html`<section class="problems" aria-label=${msg('Problems')}>
      ${this.error ? html`<div class="error" role="alert" data-testid="flow-editor-error">${this.error}</div>` : nothing}
      <baton-flow-problems .problems=${problems} .files=${new Set(files)} @flow-problem-select=${this.#goTo}></baton-flow-problems>
    </section>`;
  }
}

customElements.define('baton-flow-editor', BatonFlowEditor);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flow-editor': BatonFlowEditor;
  }
}
