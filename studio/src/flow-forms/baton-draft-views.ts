import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import type { FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';
import '../flow-graph/baton-flow-graph.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import './baton-canned-form.ts';
import './baton-hours-form.ts';
import './baton-keywords-form.ts';
import './baton-survey-form.ts';
import { FlowFileEditEvent, type FlowFormChangeEvent } from './flow-form-change-event.ts';
import type { DraftView } from './draft-views.ts';
import { documentsOfKind, type FormDocumentRef } from './yaml-form-document.ts';

/** The document kind each form edits. */
const FORM_KINDS: Readonly<Record<Exclude<DraftView, 'graph'>, string>> = {
  hours: 'BusinessHours',
  canned: 'CannedResponses',
  keywords: 'Flow',
  survey: 'Survey',
};

/** the label of the list that picks one of several documents of a kind (asked at each render, in the language of the moment) */
const pickLabel = (view: Exclude<DraftView, 'graph'>): string =>
  ({
    hours: msg('Which calendar'),
    canned: msg('Which collection'),
    keywords: msg('Which flow'),
    survey: msg('Which survey'),
  })[view];

const refKey = (ref: FormDocumentRef) => `${ref.file}#${ref.index}`;

/**
 * `<baton-draft-views>`: the draft (or a version) as a graph or as one of the forms for the common
 * settings (business hours, canned responses, handoff keywords, the CSAT survey). The YAML stays
 * the one source of truth: every view is drawn from the files, every form change is a new text of
 * one file. Several documents of a kind (two calendars) are picked from a list.
 *
 * Properties: `files` (FlowSource[]), `view` (DraftView), `readonly`.
 * @event flow-file-edit - `FlowFileEditEvent`: a form rewrote a file (`file`, `text`)
 * @event flow-node-select - from the graph: show a node's YAML
 */
export class BatonDraftViews extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        /* in the editor's column, where the YAML editor would be */
        flex: 1;
        min-height: 240px;
        overflow: auto;
      }
      baton-flow-graph {
        height: 100%;
      }
      .pick {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-bottom: 10px;
      }
      .muted {
        color: var(--baton-muted);
      }
    `,
  ];
  static override properties = {
    files: { attribute: false },
    view: { type: String },
    readonly: { type: Boolean },
    chosen: { state: true },
  };

  declare files: readonly FlowSource[];
  declare view: DraftView;
  declare readonly: boolean;
  /** the document picked per view, `file#index` */
  declare chosen: Partial<Record<DraftView, string>>;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.files = [];
    this.view = 'graph';
    this.readonly = false;
    this.chosen = {};
  }

  #onFormChange(event: FlowFormChangeEvent, file: string): void {
    event.stopPropagation();
    this.dispatchEvent(new FlowFileEditEvent(file, event.text));
  }

  #form(view: Exclude<DraftView, 'graph'>, ref: FormDocumentRef) {
    const text = this.files.find((f) => f.file === ref.file)?.source ?? '';
    const onChange = (event: FlowFormChangeEvent) => this.#onFormChange(event, ref.file);
    switch (view) {
      case 'hours':
        return html`<baton-hours-form data-testid="hours-form" .text=${text} .index=${ref.index} ?readonly=${this.readonly} @flow-form-change=${onChange}></baton-hours-form>`;
      case 'canned':
        return html`<baton-canned-form data-testid="canned-form" .text=${text} .index=${ref.index} ?readonly=${this.readonly} @flow-form-change=${onChange}></baton-canned-form>`;
      case 'keywords':
        return html`<baton-keywords-form data-testid="keywords-form" .text=${text} .index=${ref.index} ?readonly=${this.readonly} @flow-form-change=${onChange}></baton-keywords-form>`;
      case 'survey':
        return html`<baton-survey-form data-testid="survey-form" .text=${text} .index=${ref.index} ?readonly=${this.readonly} @flow-form-change=${onChange}></baton-survey-form>`;
    }
  }

  override render() {
    const view = this.view;
    if (view === 'graph') return html`<baton-flow-graph data-testid="flow-graph-view" .files=${this.files}></baton-flow-graph>`;
    const kind = FORM_KINDS[view];
    const refs = documentsOfKind(this.files, kind);
    const ref = refs.find((r) => refKey(r) === this.chosen[view]) ?? refs[0];
    if (!ref) return html`<p class="muted" data-testid="no-form-document">${msg(str`The draft has no kind: ${kind} document (or its file has a YAML error). Add one in the YAML view.`)}</p>`;
    return html`${refs.length > 1
        ? html`<label class="pick">${pickLabel(view)}
            <select data-testid="form-document" @change=${(e: Event) => e.target instanceof HTMLSelectElement && (this.chosen = { ...this.chosen, [view]: e.target.value })}>
              ${refs.map((r) => html`<option value=${refKey(r)} ?selected=${r === ref}>${r.id || msg('(no id)')} · ${r.file}</option>`)}
            </select>
          </label>`
        : html`<p class="pick muted">${ref.id} · ${ref.file}${this.readonly ? ` · ${msg('read-only')}` : ''}</p>`}
      ${this.#form(view, ref)}`;
  }
}

customElements.define('baton-draft-views', BatonDraftViews);

declare global {
  interface HTMLElementTagNameMap {
    'baton-draft-views': BatonDraftViews;
  }
}
