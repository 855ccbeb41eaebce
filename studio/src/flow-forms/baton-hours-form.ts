import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';
import { readHoursForm, weekdayName, WEEKDAYS, writeHoursForm, type HoursForm, type Shift } from './business-hours-form.ts';
import { flowFormStyles } from './flow-form.styles.ts';
import { YamlFormController } from './yaml-form-controller.ts';

const value = (event: Event) => (event.target instanceof HTMLInputElement ? event.target.value : '');

/**
 * `<baton-hours-form>`: a BusinessHours calendar as a weekly grid (each day its shifts, several for
 * a split shift; none is closed), the holidays and the special days, written into the YAML as each
 * field is left (comments and the rest of the file kept). The days are named in the studio's language
 * (Intl's names); the times are typed and written as the calendar reads them, 24-hour HH:MM.
 *
 * Properties: `text` (the file's YAML), `index` (the calendar's document in it), `readonly`.
 * @event flow-form-change - `FlowFormChangeEvent.text`: the file's new text
 */
export class BatonHoursForm extends LitElement {
  static override styles = [controlStyles, flowFormStyles];
  static override properties = { text: { attribute: false }, index: { type: Number }, readonly: { type: Boolean } };

  declare text: string;
  declare index: number;
  declare readonly: boolean;
  readonly #form = new YamlFormController<HoursForm>(this, readHoursForm, writeHoursForm);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.text = '';
    this.index = 0;
    this.readonly = false;
  }

  #shifts(shifts: readonly Shift[], where: string, edit: (change: (shifts: Shift[]) => void) => void) {
    return html`<div class="shifts">
      ${shifts.length === 0 ? html`<span class="closed">${msg('Closed', { id: 'hours-closed', desc: 'a day of the business hours with no shift' })}</span>` : nothing}
      ${shifts.map(
        (shift, i) => html`<span class="shift" data-testid="shift">
          <input class="time" aria-label=${msg(str`${where}, shift ${i + 1} opens`)} data-testid="shift-from" placeholder="09:00" .value=${shift.from} ?disabled=${this.readonly}
            @change=${(e: Event) => edit((list) => list[i] && (list[i].from = value(e)))} />
          –
          <input class="time" aria-label=${msg(str`${where}, shift ${i + 1} closes`)} data-testid="shift-to" placeholder="17:00" .value=${shift.to} ?disabled=${this.readonly}
            @change=${(e: Event) => edit((list) => list[i] && (list[i].to = value(e)))} />
          ${this.readonly
            ? nothing
            : html`<button class="small" title=${msg('Remove this shift')} aria-label=${msg(str`Remove ${where} shift ${i + 1}`)} @click=${() => edit((list) => list.splice(i, 1))}>✕</button>`}
        </span>`,
      )}
      ${this.readonly
        ? nothing
        : html`<button class="small" data-testid="add-shift" aria-label=${msg(str`Add a shift on ${where}`)} @click=${() => this.#addShift(shifts, edit)}>${msg('+ Shift')}</button>`}
    </div>`;
  }

  /** A new shift starts an hour after the last one ends, as a split shift usually does; the first is office hours. */
  #addShift(shifts: readonly Shift[], edit: (change: (shifts: Shift[]) => void) => void): void {
    const last = shifts[shifts.length - 1];
    const hour = last ? Math.min(Number(last.to.slice(0, 2)) + 1, 22) : 9;
    const pad = (n: number) => String(n).padStart(2, '0');
    // written only once both times are in: until then the shift is a row to fill in
    edit((list) => list.push(last ? { from: `${pad(hour)}:00`, to: `${pad(hour + 1)}:00` } : { from: '09:00', to: '17:00' }));
  }

  override render() {
    const { model, error } = this.#form;
    const edit = this.#form.change.bind(this.#form);
    return html`${error ? html`<div class="error" role="alert" data-testid="form-error">${error}</div>` : nothing}
    ${model
      ? html`<section>
            <label class="field"><span>${msg('Time zone')}</span>
              <input data-testid="hours-timezone" .value=${model.timezone} ?disabled=${this.readonly} @change=${(e: Event) => edit((m) => (m.timezone = value(e)))} />
            </label>
            <h3>${msg('Every week')}</h3>
            <p class="hint">${msg('Times in 24-hour HH:MM; a closing time before the opening runs past midnight, 00:00–24:00 is all day. Several shifts make a split day.')}</p>
            <table data-testid="hours-grid">
              ${WEEKDAYS.map(
                (day) => html`<tr data-testid="hours-day" data-day=${day}>
                  <th scope="row">${weekdayName(day)}</th>
                  <td>${this.#shifts(model.weekly[day], weekdayName(day), (change) => edit((m) => change(m.weekly[day])))}</td>
                </tr>`,
              )}
            </table>
          </section>
          <section>
            <h3>${msg('Holidays')}</h3>
            <p class="hint">${msg('Closed all day; flows can tell a holiday from an ordinary closed day.')}</p>
            <table data-testid="holidays">
              ${model.holidays.map(
                (row, i) => html`<tr data-testid="holiday">
                  <td><input class="date" aria-label=${msg(str`Holiday ${i + 1} date`)} placeholder="2026-04-13" .value=${row.date} ?disabled=${this.readonly}
                    @change=${(e: Event) => edit((m) => m.holidays[i] && (m.holidays[i].date = value(e)))} /></td>
                  <td><input aria-label=${msg(str`Holiday ${i + 1} name`)} placeholder=${msg('Songkran', { desc: 'an example holiday name (placeholder)' })} .value=${row.name} ?disabled=${this.readonly}
                    @change=${(e: Event) => edit((m) => m.holidays[i] && (m.holidays[i].name = value(e)))} /></td>
                  <td>${this.readonly ? nothing : html`<button class="small" aria-label=${msg(str`Remove holiday ${i + 1}`)} @click=${() => edit((m) => m.holidays.splice(i, 1))}>${msg('Remove')}</button>`}</td>
                </tr>`,
              )}
            </table>
            ${this.readonly ? nothing : html`<button class="small" data-testid="add-holiday" @click=${() => edit((m) => m.holidays.push({ date: '', name: '' }))}>${msg('+ Holiday')}</button>`}
          </section>
          <section>
            <h3>${msg('Special days')}</h3>
            <p class="hint">${msg("Other hours than the weekday's on one date (no shifts: closed, but not a holiday).")}</p>
            <table data-testid="special-days">
              ${model.special.map(
                (row, i) => html`<tr data-testid="special-day">
                  <td><input class="date" aria-label=${msg(str`Special day ${i + 1} date`)} placeholder="2026-04-10" .value=${row.date} ?disabled=${this.readonly}
                    @change=${(e: Event) => edit((m) => m.special[i] && (m.special[i].date = value(e)))} /></td>
                  <td><input aria-label=${msg(str`Special day ${i + 1} name`)} placeholder=${msg('Stock-taking', { desc: 'an example special day name (placeholder)' })} .value=${row.name} ?disabled=${this.readonly}
                    @change=${(e: Event) => edit((m) => m.special[i] && (m.special[i].name = value(e)))} /></td>
                  <td>${this.#shifts(row.shifts, msg(str`special day ${i + 1}`, { desc: 'a special day named in a shift input label: special day 2, shift 1 opens' }), (change) => edit((m) => m.special[i] && change(m.special[i].shifts)))}</td>
                  <td>${this.readonly ? nothing : html`<button class="small" aria-label=${msg(str`Remove special day ${i + 1}`)} @click=${() => edit((m) => m.special.splice(i, 1))}>${msg('Remove')}</button>`}</td>
                </tr>`,
              )}
            </table>
            ${this.readonly ? nothing : html`<button class="small" data-testid="add-special-day" @click=${() => edit((m) => m.special.push({ date: '', name: '', shifts: [] }))}>${msg('+ Special day')}</button>`}
          </section>`
      : nothing}`;
  }
}

customElements.define('baton-hours-form', BatonHoursForm);

declare global {
  interface HTMLElementTagNameMap {
    'baton-hours-form': BatonHoursForm;
  }
}
