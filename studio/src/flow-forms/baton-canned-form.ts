import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';
import { readCannedForm, writeCannedForm, type CannedRow } from './canned-responses-form.ts';
import { flowFormStyles } from './flow-form.styles.ts';
import { YamlFormController } from './yaml-form-controller.ts';

const value = (event: Event) => (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement ? event.target.value : '');

/**
 * `<baton-canned-form>`: a CannedResponses collection as a table, a response a row: id, shortcut,
 * title, text, a text per language (chosen by the customer's LINE language) and tags; written into
 * the YAML as each field is left.
 *
 * Properties: `text` (the file's YAML), `index` (the collection's document in it), `readonly`.
 * @event flow-form-change - `FlowFormChangeEvent.text`: the file's new text
 */
export class BatonCannedForm extends LitElement {
  static override styles = [controlStyles, flowFormStyles];
  static override properties = { text: { attribute: false }, index: { type: Number }, readonly: { type: Boolean } };

  declare text: string;
  declare index: number;
  declare readonly: boolean;
  readonly #form = new YamlFormController<CannedRow[]>(this, readCannedForm, writeCannedForm);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.text = '';
    this.index = 0;
    this.readonly = false;
  }

  #row(row: CannedRow, i: number) {
    const edit = (change: (row: CannedRow) => void) => this.#form.change((rows) => rows[i] && change(rows[i]));
    const labels = {
      id: msg(str`Response ${i + 1} id`),
      shortcut: msg(str`Response ${i + 1} shortcut`),
      title: msg(str`Response ${i + 1} title`),
    };
    const field = (name: 'id' | 'shortcut' | 'title', placeholder: string) =>
      html`<input aria-label=${labels[name]} data-testid="canned-${name}" placeholder=${placeholder} .value=${row[name]} ?disabled=${this.readonly}
        @change=${(e: Event) => edit((r) => (r[name] = value(e)))} />`;
    return html`<tr data-testid="canned-row" data-id=${row.id}>
      <td>${field('id', 'after-hours')}<br />${field('shortcut', '/hours')}</td>
      <td>${field('title', msg('Shown to operators', { desc: "placeholder of a canned response's title" }))}<br />
        <input aria-label=${msg(str`Response ${i + 1} tags`)} placeholder=${msg('tags, comma separated')} .value=${row.tags.join(', ')} ?disabled=${this.readonly}
          @change=${(e: Event) => edit((r) => (r.tags = value(e).split(',')))} /></td>
      <td>
        <textarea aria-label=${msg(str`Response ${i + 1} text`)} data-testid="canned-text" .value=${row.text} ?disabled=${this.readonly} @change=${(e: Event) => edit((r) => (r.text = value(e)))}></textarea>
        ${row.variants.map(
          (variant, v) => html`<div class="row" data-testid="canned-variant" data-language=${variant.language}>
            <input class="lang" aria-label=${msg(str`Response ${i + 1} variant ${v + 1} language`)} placeholder="th" .value=${variant.language} ?disabled=${this.readonly}
              @change=${(e: Event) => edit((r) => r.variants[v] && (r.variants[v].language = value(e)))} />
            <textarea
              aria-label=${variant.language ? msg(str`Response ${i + 1}: ${variant.language} text`) : msg(str`Response ${i + 1} variant ${v + 1} text`)} .value=${variant.text} ?disabled=${this.readonly}
              @change=${(e: Event) => edit((r) => r.variants[v] && (r.variants[v].text = value(e)))}></textarea>
            ${this.readonly ? nothing : html`<button class="small" aria-label=${msg(str`Remove the ${variant.language} text`)} @click=${() => edit((r) => r.variants.splice(v, 1))}>✕</button>`}
          </div>`,
        )}
        ${this.readonly
          ? nothing
          : html`<button class="small" data-testid="add-variant" @click=${() => edit((r) => r.variants.push({ language: '', text: '' }))}>${msg('+ Language')}</button>`}
      </td>
      <td>${this.readonly ? nothing : html`<button class="small" aria-label=${msg(str`Remove response ${row.id}`)} @click=${() => this.#form.change((rows) => rows.splice(i, 1))}>${msg('Remove')}</button>`}</td>
    </tr>`;
  }

  override render() {
    const { model, error } = this.#form;
    return html`${error ? html`<div class="error" role="alert" data-testid="form-error">${error}</div>` : nothing}
    ${model
      ? html`<p class="hint">${msg("The bot sends the text in the customer's language when it has one (the LINE app's language), else the first text. Texts are Liquid templates, e.g. {{ customer.name }}.")}</p>
          <table data-testid="canned-table">
            <tr><th>${msg('Id / shortcut')}</th><th>${msg('Title / tags')}</th><th>${msg('Text and languages')}</th><th></th></tr>
            ${model.map((row, i) => this.#row(row, i))}
          </table>
          ${this.readonly
            ? nothing
            : html`<button class="small" data-testid="add-response"
                @click=${() => this.#form.change((rows) => rows.push({ id: '', shortcut: '', title: '', text: '', variants: [], tags: [] }))}>${msg('+ Response')}</button>`}`
      : nothing}`;
  }
}

customElements.define('baton-canned-form', BatonCannedForm);

declare global {
  interface HTMLElementTagNameMap {
    'baton-canned-form': BatonCannedForm;
  }
}
