import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
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
    // empty: "before" and "after" in the studio's language at render time
    this.fromLabel = '';
    this.toLabel = '';
    updateWhenLocaleChanges(this);
  }

  override render() {
    const changes = fileChanges(this.from, this.to);
    const from = this.fromLabel || msg('before', { desc: 'the older side of a diff' });
    const to = this.toLabel || msg('after', { desc: 'the newer side of a diff' });
    return html`<p class="summary" data-testid="diff-summary">
        ${changes.length === 0
          ? msg(str`No changes between ${from} and ${to}.`)
          : changes.length === 1
            ? msg(str`1 file changed from ${from} to ${to}`)
            : msg(str`${changes.length} files changed from ${from} to ${to}`)}
      </p>
      ${changes.map((change) => this.#renderFile(change))}`;
  }

  #renderFile(change: FileChange) {
    return html`<section class="file" data-testid="diff-file" data-file=${change.file}>
      <h4>
        <span class="name">${change.file}</span>
        ${change.status === 'added' ? html`<span class="badge">${msg('added', { desc: 'a file new in a diff' })}</span>` : change.status === 'removed' ? html`<span class="badge">${msg('removed', { desc: 'a file gone in a diff' })}</span>` : nothing}
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
