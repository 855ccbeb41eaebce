/** A form wrote its values into the YAML: `text` is the file's new text. */
export class FlowFormChangeEvent extends Event {
  static readonly eventName = 'flow-form-change';
  readonly text: string;

  constructor(text: string) {
    super(FlowFormChangeEvent.eventName, { bubbles: true, composed: true });
    this.text = text;
  }
}

/** A file of the draft was rewritten from a form: `file`, its new `text`. */
export class FlowFileEditEvent extends Event {
  static readonly eventName = 'flow-file-edit';
  readonly file: string;
  readonly text: string;

  constructor(file: string, text: string) {
    super(FlowFileEditEvent.eventName, { bubbles: true, composed: true });
    this.file = file;
    this.text = text;
  }
}

declare global {
  interface HTMLElementEventMap {
    'flow-form-change': FlowFormChangeEvent;
    'flow-file-edit': FlowFileEditEvent;
  }
}
