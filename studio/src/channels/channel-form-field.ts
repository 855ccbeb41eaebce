import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ChannelField } from './channel-field-error.ts';

/** an engine refusal, and the field it is about (null: the form as a whole) */
export interface FieldError {
  field: ChannelField | null;
  message: string;
}

interface FieldSpec {
  name: ChannelField;
  label: string;
  hint: string;
  /** secrets go in password fields: never shown on screen, never offered by autofill */
  secret?: boolean;
  required?: boolean;
  pattern?: string;
  maxlength: number;
  placeholder?: string;
  value?: string;
}

/** One labelled input of the channel forms, with the engine's refusal under it when it is about this field. */
export function renderField(error: FieldError | null, spec: FieldSpec) {
  const wrong = error !== null && error.field === spec.name;
  const errorId = `${spec.name}-error`;
  return html`<label
    >${spec.label} <span class="hint">${spec.hint}</span>
    <input
      name=${spec.name}
      type=${spec.secret ? 'password' : 'text'}
      ?required=${spec.required === true}
      pattern=${ifDefined(spec.pattern)}
      maxlength=${spec.maxlength}
      placeholder=${ifDefined(spec.placeholder)}
      autocomplete=${spec.secret ? 'new-password' : 'off'}
      spellcheck="false"
      aria-invalid=${wrong ? 'true' : 'false'}
      aria-describedby=${ifDefined(wrong ? errorId : undefined)}
      data-testid="channel-field-${spec.name}"
      .value=${spec.value ?? ''}
    />
    ${wrong ? html`<span class="field-error" id=${errorId} role="alert" data-testid="channel-field-error-${spec.name}">${error.message}</span>` : nothing}
  </label>`;
}
