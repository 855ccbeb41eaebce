import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import type { FlowProblemDto } from '../../../engine/contracts/rest.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { FlowProblemSelectEvent } from '../shared/events.ts';

/**
 * The problems panel: one `file:line:col message [code]` line each (the shape `baton validate`
 * prints, in English as the validator writes it); a problem in a file of the set is a button that takes the
 * editor to it.
 *
 * @event flow-problem-select - a problem was picked
 */
export class BatonFlowProblems extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      button {
        width: 100%;
        text-align: left;
        border: none;
        border-radius: 4px;
        background: none;
        padding: 4px 8px;
        font-family: var(--baton-mono);
        font-size: 12.5px;
        color: var(--baton-text);
        overflow-wrap: anywhere;
      }
      button:hover:not(:disabled) {
        background: var(--baton-danger-soft);
      }
      button:disabled {
        opacity: 1;
      }
      .where {
        color: var(--baton-danger);
        font-weight: 600;
      }
      .code {
        color: var(--baton-muted);
      }
    `,
  ];
  static override properties = {
    problems: { attribute: false },
    files: { attribute: false },
  };

  declare problems: readonly FlowProblemDto[];
  /** the files being edited: problems elsewhere cannot be jumped to */
  declare files: ReadonlySet<string>;

  constructor() {
    super();
    this.problems = [];
    this.files = new Set();
    updateWhenLocaleChanges(this);
  }

  override render() {
    if (this.problems.length === 0) return nothing;
    return html`<ol data-testid="flow-problems">
      ${this.problems.map(
        (p) =>
          html`<li>
            <button
              data-testid="flow-problem"
              data-file=${p.file}
              data-line=${p.line}
              data-col=${p.col}
              title=${p.pointer ? msg(str`at ${p.pointer}`, { desc: 'where in the YAML a problem is: at /steps/0/next' }) : ''}
              ?disabled=${!this.files.has(p.file)}
              @click=${() => this.dispatchEvent(new FlowProblemSelectEvent(p))}
            >
              <span class="where">${p.file}:${p.line}:${p.col}</span> ${p.message} <span class="code">[${p.code}]</span>
            </button>
          </li>`,
      )}
    </ol>`;
  }
}

customElements.define('baton-flow-problems', BatonFlowProblems);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flow-problems': BatonFlowProblems;
  }
}
