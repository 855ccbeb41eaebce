import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { StaleDraftResponse } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import '../flow-diff/baton-flow-diff.ts';
import type { FlowFile } from '../flow-diff/file-changes.ts';
import { problemsFromError } from '../flow-problems/problems-from-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { DismissEvent, FlowPublishedEvent } from '../shared/events.ts';
import { flowPublishStyles } from './baton-flow-publish.styles.ts';
import { staleDraftFromError } from './stale-draft.ts';
import { versionLabel } from './version-label.ts';

/**
 * Publishing a draft (admins): what changes against the active version, file by file, and a note saying why
 * (required; it goes into the version history). The publish names the version the draft started from; when
 * someone published or rolled back since, the engine refuses (409) and this dialog says who and when, keeps
 * the draft, shows the draft against the version now active, and lets the admin publish over it knowingly.
 *
 * @event flow-published - the draft is the active version now
 * @event dismiss - closed without publishing (the draft is untouched)
 */
export class BatonFlowPublish extends LitElement {
  static override styles = [controlStyles, flowPublishStyles];
  static override properties = {
    draft: { attribute: false },
    baseVersion: { attribute: false },
    note: { state: true },
    busy: { state: true },
    error: { state: true },
    stale: { state: true },
  };

  declare draft: FlowFile[];
  /** the version that was active when the draft was started */
  declare baseVersion: number;
  declare note: string;
  declare busy: boolean;
  declare error: string | null;
  declare stale: StaleDraftResponse | null;

  /** the version the draft is compared with: the one active at the start, or the one active now once refused */
  readonly #against = new Task(this, {
    args: (): [number] => [this.stale?.active.version ?? this.baseVersion],
    task: ([version], { signal }) => api.flowVersion(version, signal),
  });

  constructor() {
    super();
    this.draft = [];
    this.baseVersion = 0;
    this.note = '';
    this.busy = false;
    this.error = null;
    this.stale = null;
    updateWhenLocaleChanges(this);
  }

  async #publish(): Promise<void> {
    const note = this.note.trim();
    if (!note) {
      this.error = msg('Write a note: why this version? It goes into the version history.');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const baseVersion = this.stale?.active.version ?? this.baseVersion;
      const { version } = await api.publishFlows({ files: this.draft, baseVersion, note });
      this.dispatchEvent(new FlowPublishedEvent(version));
    } catch (error) {
      const stale = staleDraftFromError(error);
      const problems = problemsFromError(error);
      if (stale) {
        this.stale = stale;
        // the engine's own words (who published what, when), in English
        this.error = stale.error.message;
      } else if (problems) {
        // the validator's lines stay as `baton validate` writes them
        const lines = problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`).join('; ');
        this.error = problems.length === 1 ? msg(str`Not published: the draft has 1 problem: ${lines}`) : msg(str`Not published: the draft has ${problems.length} problems: ${lines}`);
      } else {
        this.error = msg(str`Could not publish: ${describeError(error)}`);
      }
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const against = this.#against.value;
    const version = this.stale?.active.version ?? this.baseVersion;
    return html`<div class="dialog" role="dialog" aria-modal="true" aria-labelledby="publish-title" data-testid="publish-dialog">
      <h3 id="publish-title">${msg('Publish the draft as a new version')}</h3>
      ${this.error ? html`<div class="error" role="alert" data-testid="publish-error">${this.error}</div>` : nothing}
      ${this.stale
        ? html`<p class="muted" data-testid="stale-hint">${msg(str`Your draft is kept. Below: your draft against version ${version}, active now. Publishing replaces it with your draft.`)}</p>`
        : nothing}
      <div class="diff" data-testid="publish-diff">
        ${against && against.version.version === version
          ? html`<baton-flow-diff .from=${against.files} .to=${this.draft} from-label=${this.stale ? msg(str`version ${version} (active now)`) : versionLabel(version)} to-label=${msg('your draft')}></baton-flow-diff>`
          : html`<p class="muted">${msg(str`Loading version ${version}…`)}</p>`}
      </div>
      <label class="note"
        >${msg('Note (required): what changed and why')}
        <textarea data-testid="publish-note" rows="2" maxlength="2000" .value=${this.note} @input=${(e: InputEvent) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      <div class="actions">
        <button data-testid="cancel-publish" @click=${() => this.dispatchEvent(new DismissEvent())}>${msg('Cancel')}</button>
        <button class="primary" data-testid="confirm-publish" ?disabled=${this.busy || this.note.trim() === ''} @click=${this.#publish}>
          ${this.busy ? msg('Publishing…') : this.stale ? msg(str`Publish over version ${version}`) : msg('Publish')}
        </button>
      </div>
    </div>`;
  }
}

customElements.define('baton-flow-publish', BatonFlowPublish);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flow-publish': BatonFlowPublish;
  }
}
