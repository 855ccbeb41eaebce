import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';
import { flowFormStyles } from './flow-form.styles.ts';
import { readSurveyForm, writeSurveyForm, type SurveyForm } from './survey-form.ts';
import { YamlFormController } from './yaml-form-controller.ts';

const value = (event: Event) => (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement ? event.target.value : '');

type TextField = 'question' | 'commentAsk' | 'thanks' | 'onlyBelow' | 'expiresAfterMinutes';

/**
 * `<baton-survey-form>`: the CSAT survey's texts: the question, the five score labels, the request
 * for a comment (and below which score it is asked), the thank-you and how long an answer counts;
 * written into the YAML as each field is left.
 *
 * Properties: `text` (the file's YAML), `index` (the survey's document in it), `readonly`.
 * @event flow-form-change - `FlowFormChangeEvent.text`: the file's new text
 */
export class BatonSurveyForm extends LitElement {
  static override styles = [controlStyles, flowFormStyles];
  static override properties = { text: { attribute: false }, index: { type: Number }, readonly: { type: Boolean } };

  declare text: string;
  declare index: number;
  declare readonly: boolean;
  readonly #form = new YamlFormController<SurveyForm>(this, readSurveyForm, writeSurveyForm);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.text = '';
    this.index = 0;
    this.readonly = false;
  }

  #text(model: SurveyForm, name: TextField, label: string, hint: string) {
    return html`<label class="field"><span>${label}</span>
      <textarea data-testid="survey-${name}" .value=${model[name]} ?disabled=${this.readonly} @change=${(e: Event) => this.#form.change((m) => (m[name] = value(e)))}></textarea>
      <span class="hint">${hint}</span>
    </label>`;
  }

  #number(model: SurveyForm, name: TextField, label: string, placeholder: string) {
    return html`<label class="field"><span>${label}</span>
      <input inputmode="numeric" size="6" data-testid="survey-${name}" placeholder=${placeholder} .value=${model[name]} ?disabled=${this.readonly}
        @change=${(e: Event) => this.#form.change((m) => (m[name] = value(e)))} />
    </label>`;
  }

  override render() {
    const { model, error } = this.#form;
    if (!model) return error ? html`<div class="error" role="alert" data-testid="form-error">${error}</div>` : nothing;
    const labels = model.labels.length ? model.labels : ['', '', '', '', ''];
    return html`${error ? html`<div class="error" role="alert" data-testid="form-error">${error}</div>` : nothing}
      ${this.#text(model, 'question', msg('Question', { desc: 'the CSAT survey question (a field)' }), msg('Asked with five score buttons; a Liquid template.'))}
      <div class="field">
        <span><b>${msg('Score labels')}</b> ${msg('(lowest first; all empty: 1 to 5; LINE allows 20 characters)')}</span>
        <div class="row">
          ${labels.map(
            (label, i) => html`<input size="8" aria-label=${msg(str`Label for score ${i + 1}`)} data-testid="survey-label" placeholder=${String(i + 1)} .value=${label} ?disabled=${this.readonly}
              @change=${(e: Event) => this.#form.change((m) => {
                m.labels = m.labels.length ? m.labels : ['', '', '', '', ''];
                m.labels[i] = value(e);
                if (m.labels.every((l) => !l.trim())) m.labels = [];
              })} />`,
          )}
        </div>
      </div>
      ${this.#text(model, 'commentAsk', msg('Ask for a comment'), msg('Empty: no comment is asked for.'))}
      ${this.#number(model, 'onlyBelow', msg('Only when the score is below (2-5)'), msg('any', { id: 'any-score', desc: 'placeholder: a comment is asked for at any score' }))}
      ${this.#text(model, 'thanks', msg('Thank-you', { desc: "the survey's thank-you message (a field)" }), msg('Said after the answer.'))}
      ${this.#number(model, 'expiresAfterMinutes', msg('An answer counts for (minutes)'), '1440')}`;
  }
}

customElements.define('baton-survey-form', BatonSurveyForm);

declare global {
  interface HTMLElementTagNameMap {
    'baton-survey-form': BatonSurveyForm;
  }
}
