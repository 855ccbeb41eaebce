import { msg, str } from '@lit/localize';
import { formatLocale } from '../i18n/format-locale.ts';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FlowFormChangeEvent } from './flow-form-change-event.ts';
import { FormInputError } from './form-input-error.ts';

/** The element a YAML form lives in: the file's YAML, the document in it, and whether it may change. */
export interface YamlFormHost extends ReactiveControllerHost, EventTarget {
  text: string;
  index: number;
  readonly: boolean;
}

/**
 * What every YAML form does: read its model from the document's text, write each change back
 * (the host emits `flow-form-change` with the file's new text), and say why when the input cannot
 * be written. Input that was refused stays in the fields, with the message, until it is fixed.
 */
export class YamlFormController<Model> implements ReactiveController {
  /** what the fields show; null when the document cannot be read */
  model: Model | null = null;
  /** why the form cannot read the document, or cannot write the last change */
  error: string | null = null;
  /** what the model was read from, and in which language its error is written */
  #read: { text: string; index: number; locale: string } | null = null;

  constructor(
    private readonly host: YamlFormHost,
    private readonly reader: (text: string, index: number) => Model,
    private readonly writer: (text: string, index: number, model: Model) => string,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { text, index } = this.host;
    const locale = formatLocale();
    if (this.#read && this.#read.text === text && this.#read.index === index) {
      // the language changed while the form could not read its document: say why again, in the new one
      if (this.#read.locale === locale || this.model) return;
    }
    this.#read = { text, index, locale };
    try {
      this.model = this.reader(text, index);
      this.error = null;
    } catch (error) {
      this.model = null;
      this.error = error instanceof FormInputError ? msg(str`Cannot show this form: ${error.message}`) : String(error);
    }
  }

  /** Applies `change` to a copy of the model and writes it into the YAML, or says why not. */
  change(change: (model: Model) => void): void {
    if (!this.model || this.host.readonly) return;
    const model = structuredClone(this.model);
    change(model);
    this.model = model;
    this.host.requestUpdate();
    try {
      const text = this.writer(this.host.text, this.host.index, model);
      this.error = null;
      if (text === this.host.text) return;
      // our own change coming back: the fields already say it
      this.#read = { text, index: this.host.index, locale: formatLocale() };
      this.host.text = text;
      this.host.dispatchEvent(new FlowFormChangeEvent(text));
    } catch (error) {
      if (!(error instanceof FormInputError)) throw error;
      this.error = error.message;
    }
  }
}
