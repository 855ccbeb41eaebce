import { LitElement, html, nothing } from 'lit';
import { fileChanges, type FileChange, type FlowFile } from './file-changes.ts';
import { flowDiffStyles } from './baton-flow-diff.styles.ts';

/**
 * The difference between two flow sets as a unified diff per file (three lines of context), e.g. a draft
 * against the active version before publishing, or any two published versions.
 *
 * @example <baton-flow-diff .from=${v2.files} .to=${draft} from-label="Version 2" to-label="Draft"></baton-flow-diff>
 */
export class BatonFlowDiff extends LitElement {
  static override styles = flowDiffStyles;
  static override properties = {
    from: { attribute: false },
    to: { attribute: false },
    fromLabel: { attribute: 'from-label' },
    toLabel: { attribute: 'to-label' },
  };

  declare from: readonly FlowFile[];
  declare to: readonly FlowFile[];
  declare fromLabel: string;
  declare toLabel: string;

  constructor() {
    super();
    this.from = [];
    this.to = [];
    this.fromLabel = 'Before';
    this.toLabel = 'After';
  }

  override render() {
    const changes = fileChanges(this.from, this.to);
    return html`<p class="summary" data-testid="diff-summary">
        ${changes.length === 0
          ? `No changes between ${this.fromLabel} and ${this.toLabel}.`
          : `${changes.length} file${changes.length === 1 ? '' : 's'} changed from ${this.fromLabel} to ${this.toLabel}`}
      </p>
      ${changes.map((change) => this.#renderFile(change))}`;
  }

  #renderFile(change: FileChange) {
    return html`<section class="file" data-testid="diff-file" data-file=${change.file}>
      <h4>
        <span class="name">${change.file}</span>
        ${change.status !== 'changed' ? html`<span class="badge">${change.status}</span>` : nothing}
        <span class="counts"><span class="plus">+${change.added}</span> <span class="minus">−${change.removed}</span></span>
      </h4>
      <div class="code">${change.hunks.map(
        (hunk) =>
          html`<span class="hunk">@@ −${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@</span>
${hunk.lines.map((line) => html`<span class=${line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx'} data-testid=${line.startsWith('+') ? 'diff-added' : line.startsWith('-') ? 'diff-removed' : nothing}>${line}</span>
`)}`,
      )}</div>
    </section>`;
  }
}

customElements.define('baton-flow-diff', BatonFlowDiff);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flow-diff': BatonFlowDiff;
  }
}
