import { closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, codeFolding, foldGutter, foldKeymap, indentOnInput, indentUnit } from '@codemirror/language';
import { forceLinting, lintGutter, lintKeymap, previousDiagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { formatLocale } from '../i18n/format-locale.ts';
import { CodeInputEvent } from '../shared/events.ts';
import { editorPhrases } from './editor-phrases.ts';
import { flowAssist, type FlowAssistSource } from './flow-assist.ts';
import { formatYaml } from './format-yaml.ts';
import { yamlEditorTheme } from './yaml-editor-theme.ts';

/**
 * A YAML file in CodeMirror 6: syntax colours, folding, search (Ctrl/Cmd+F), bracket matching,
 * undo per file; CodeMirror's own words (the search panel, folding) in the studio's language; with an `assist`, the flow language's help: problems underlined as you type
 * (F8 / Shift+F8 go to the next / previous one), completion (Ctrl+Space) and hover from the schemas.
 *
 * Each `label` (a file name) keeps its own editor state, so switching files and back keeps the
 * cursor and the undo history; setting `value` to something else than the text replaces the text.
 *
 * @event code-input - the text changed in the editor: typed, pasted, formatted (`CodeInputEvent.value`)
 */
export class BatonYamlEditor extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 0;
      position: relative;
    }
    .host {
      position: absolute;
      inset: 0;
    }
  `;
  static override properties = {
    value: { attribute: false },
    readonly: { type: Boolean },
    label: { type: String },
    assist: { attribute: false },
  };

  declare value: string;
  declare readonly: boolean;
  /** the file shown, also the content's accessible name */
  declare label: string;
  /** the flow language's help; none for plain YAML */
  declare assist: FlowAssistSource | null;

  #view: EditorView | null = null;
  readonly #states = new Map<string, EditorState>();
  readonly #editable = new Compartment();
  readonly #labelled = new Compartment();
  readonly #phrases = new Compartment();
  /** the language (its Intl locale) CodeMirror's phrases are in: another one sets them again */
  #phrasesLocale = formatLocale();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.value = '';
    this.readonly = false;
    this.label = 'File';
    this.assist = null;
  }

  /** the text as it stands in the editor */
  get text(): string {
    return this.#view?.state.doc.toString() ?? this.value;
  }

  #extensions(): Extension[] {
    return [
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      codeFolding(),
      lintGutter(),
      history(),
      drawSelection(),
      indentOnInput(),
      indentUnit.of('  '),
      EditorState.tabSize.of(2),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      search({ top: true }),
      yaml(),
      yamlEditorTheme,
      flowAssist(() => (this.readonly ? null : this.assist)),
      keymap.of([
        { key: 'Shift-Alt-f', run: () => this.format(), preventDefault: true },
        // F8 (next) comes with lintKeymap; its way back is not bound there
        { key: 'Shift-F8', run: previousDiagnostic },
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...foldKeymap,
        ...completionKeymap,
        ...lintKeymap,
        indentWithTab,
      ]),
      this.#editable.of(this.#editability()),
      this.#labelled.of(this.#contentAttributes()),
      this.#phrases.of(editorPhrases()),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          this.value = update.state.doc.toString();
          this.dispatchEvent(new CodeInputEvent(this.value));
        }
      }),
    ];
  }

  #editability(): Extension {
    return [EditorState.readOnly.of(this.readonly), EditorView.editable.of(!this.readonly)];
  }

  #contentAttributes(): Extension {
    return EditorView.contentAttributes.of({ 'aria-label': this.label, 'data-testid': 'code-input', 'data-file': this.label });
  }

  #stateFor(label: string, text: string): EditorState {
    const kept = this.#states.get(label);
    if (kept && kept.doc.toString() === text) return kept;
    // changed meanwhile (by a form): one undoable change on top of the file's history
    if (kept) return kept.update({ changes: { from: 0, to: kept.doc.length, insert: text } }).state;
    return EditorState.create({ doc: text, extensions: this.#extensions() });
  }

  protected override firstUpdated(): void {
    const parent = this.renderRoot.querySelector('.host');
    if (!parent || !(this.renderRoot instanceof ShadowRoot)) return;
    this.#view = new EditorView({ state: this.#stateFor(this.label, this.value), parent, root: this.renderRoot });
  }

  protected override updated(changed: PropertyValues<this>): void {
    const view = this.#view;
    if (!view) return;
    if (changed.has('label') && changed.get('label') !== undefined) {
      // keep the file left behind as it was; show the other one as it was last seen
      this.#states.set(String(changed.get('label')), view.state);
      view.setState(this.#stateFor(this.label, this.value));
    } else if (changed.has('value') && this.value !== view.state.doc.toString()) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: this.value } });
    }
    if (changed.has('readonly') || changed.has('label')) {
      view.dispatch({ effects: [this.#editable.reconfigure(this.#editability()), this.#labelled.reconfigure(this.#contentAttributes())] });
    }
    // the language changed, or a file kept from before it did is shown again
    if (this.#phrasesLocale !== formatLocale() || changed.has('label')) {
      this.#phrasesLocale = formatLocale();
      view.dispatch({ effects: this.#phrases.reconfigure(editorPhrases()) });
    }
    // help switched on or off (a draft started or ended): check now rather than at the next keystroke
    if (changed.has('assist') || changed.has('readonly')) forceLinting(view);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#view?.destroy();
    this.#view = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // moved in the page: Lit keeps the shadow root, the editor is made again in it
    if (this.hasUpdated && !this.#view) this.firstUpdated();
  }

  /** Focuses the text with the cursor at `line:col` (1-based), that line scrolled into view. */
  async reveal(line: number, col: number): Promise<void> {
    await this.updateComplete;
    const view = this.#view;
    if (!view) return;
    const row = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
    const at = row.from + Math.min(Math.max(col, 1) - 1, row.length);
    view.dispatch({ selection: EditorSelection.cursor(at), effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    view.focus();
  }

  /** Focuses the text with the characters `from`-`to` selected and scrolled into view (a graph node's YAML). */
  async select(from: number, to: number): Promise<void> {
    await this.updateComplete;
    const view = this.#view;
    if (!view) return;
    const length = view.state.doc.length;
    const range = EditorSelection.range(Math.min(from, length), Math.min(to, length));
    view.dispatch({ selection: range, effects: EditorView.scrollIntoView(range, { y: 'center' }) });
    view.focus();
  }

  /** Rewrites the text in the standard layout (an undoable change); false when it does not parse. */
  format(): boolean {
    const view = this.#view;
    if (!view || this.readonly) return false;
    const text = view.state.doc.toString();
    const formatted = formatYaml(text);
    if (formatted === null) return false;
    if (formatted !== text) view.dispatch({ changes: { from: 0, to: text.length, insert: formatted } });
    return true;
  }

  override focus(): void {
    this.#view?.focus();
  }

  override render() {
    return html`<div class="host"></div>`;
  }
}

customElements.define('baton-yaml-editor', BatonYamlEditor);

declare global {
  interface HTMLElementTagNameMap {
    'baton-yaml-editor': BatonYamlEditor;
  }
}
