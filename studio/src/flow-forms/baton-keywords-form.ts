import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';
import { flowFormStyles } from './flow-form.styles.ts';
import { KEYWORD_MATCHES, readHandoffKeywords, writeHandoffKeywords, type HandoffKeywords, type KeywordMatch } from './handoff-keywords-form.ts';
import { YamlFormController } from './yaml-form-controller.ts';

/** how a keyword matches, in words (asked at each render: msg() answers in the language of the moment) */
const matchName = (match: KeywordMatch): string =>
  ({
    contains: msg('anywhere in the message', { desc: 'a keyword matches when found anywhere in the message' }),
    word: msg('as a whole word', { desc: 'a keyword matches only as a whole word' }),
    exact: msg('the whole message', { desc: 'a keyword matches only when it is the whole message' }),
  })[match];

const isMatch = (value: string): value is KeywordMatch => KEYWORD_MATCHES.some((match) => match === value);

/**
 * `<baton-keywords-form>`: the words a customer types to reach a person: each keyword trigger of
 * the Flow that leads to a handoff, its keywords as a list and how they match; written into the YAML.
 *
 * Properties: `text` (the Flow file's YAML), `index` (the Flow's document in it), `readonly`.
 * @event flow-form-change - `FlowFormChangeEvent.text`: the file's new text
 */
export class BatonKeywordsForm extends LitElement {
  static override styles = [controlStyles, flowFormStyles];
  static override properties = { text: { attribute: false }, index: { type: Number }, readonly: { type: Boolean } };

  declare text: string;
  declare index: number;
  declare readonly: boolean;
  readonly #form = new YamlFormController<HandoffKeywords[]>(this, readHandoffKeywords, writeHandoffKeywords);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.text = '';
    this.index = 0;
    this.readonly = false;
  }

  #add(event: Event, i: number): void {
    event.preventDefault();
    const input = event.target instanceof HTMLFormElement ? event.target.elements.namedItem('keyword') : null;
    if (!(input instanceof HTMLInputElement) || !input.value.trim()) return;
    const keyword = input.value;
    this.#form.change((entries) => entries[i]?.keywords.push(keyword));
    if (!this.#form.error) input.value = '';
  }

  #match(event: Event, i: number): void {
    const chosen = event.target instanceof HTMLSelectElement ? event.target.value : '';
    if (isMatch(chosen)) this.#form.change((entries) => entries[i] && (entries[i].match = chosen));
  }

  #entry(entry: HandoffKeywords, i: number) {
    const edit = (change: (entry: HandoffKeywords) => void) => this.#form.change((entries) => entries[i] && change(entries[i]));
    return html`<section data-testid="keyword-trigger" data-trigger=${entry.id}>
      <h3>${msg(str`Trigger “${entry.id}” → ${entry.goto}`)}</h3>
      <div class="row">
        ${entry.keywords.map(
          (keyword, k) => html`<span class="chip" data-testid="keyword">${keyword}${this.readonly
              ? nothing
              : html`<button title=${msg('Remove')} aria-label=${msg(str`Remove ${keyword}`)} @click=${() => edit((e) => e.keywords.splice(k, 1))}>✕</button>`}</span>`,
        )}
      </div>
      ${this.readonly
        ? nothing
        : html`<form class="row" style="margin-top:8px" @submit=${(e: Event) => this.#add(e, i)}>
            <input name="keyword" data-testid="new-keyword" aria-label=${msg(str`New keyword for ${entry.id}`)} placeholder=${msg('a word or phrase')} />
            <button class="small" type="submit">${msg('Add', { desc: 'adds the keyword typed' })}</button>
          </form>`}
      <label class="row" style="margin-top:8px">${msg('Matches', { desc: 'label before how the keywords match: anywhere in the message, as a whole word…' })}
        <select aria-label=${msg(str`How ${entry.id}'s keywords match`)} ?disabled=${this.readonly}
          @change=${(e: Event) => this.#match(e, i)}>
          ${KEYWORD_MATCHES.map((match) => html`<option value=${match} ?selected=${match === entry.match}>${matchName(match)}</option>`)}
        </select>
      </label>
    </section>`;
  }

  override render() {
    const { model, error } = this.#form;
    return html`${error ? html`<div class="error" role="alert" data-testid="form-error">${error}</div>` : nothing}
    ${model
      ? html`<p class="hint">${msg('Matched after Unicode normalisation and ignoring case, so ＡＧＥＮＴ and Agent count as agent. Thai, written without spaces, matches anywhere.')}</p>
          ${model.length
            ? model.map((entry, i) => this.#entry(entry, i))
            : html`<p data-testid="no-keyword-triggers">${msg('No keyword trigger of this flow leads to a handoff. Add one in the YAML view, e.g.')}
                <code>- { id: human, keyword: { any: [agent] }, goto: &lt;your handoff step&gt; }</code>.</p>`}`
      : nothing}`;
  }
}

customElements.define('baton-keywords-form', BatonKeywordsForm);

declare global {
  interface HTMLElementTagNameMap {
    'baton-keywords-form': BatonKeywordsForm;
  }
}
