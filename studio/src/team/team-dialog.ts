import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { ChannelView } from '../../../engine/contracts/channels.ts';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import '../one-time-secret/baton-one-time-secret.ts';
import '../operator-form/baton-operator-form.ts';
import type { OperatorFormSubmitEvent } from '../shared/events.ts';
import { confirmationFor, type OperatorAction } from './operator-actions.ts';

/** what the Team page's one dialog shows */
export type TeamDialog =
  | { kind: 'create' }
  | { kind: 'edit'; operator: OperatorDto }
  | { kind: 'confirm'; action: OperatorAction; operator: OperatorDto }
  /** a password or link shown once, after it was made */
  | { kind: 'secret'; title: string; text: string; label: string; secret: string };

export interface TeamDialogHandlers {
  busy: boolean;
  error: string | null;
  /** every LINE channel, for the operator form's choice of channels */
  channels: readonly ChannelView[];
  submit: (event: OperatorFormSubmitEvent) => void;
  confirm: (action: OperatorAction, operator: OperatorDto) => void;
  close: () => void;
}

/** The content of the Team page's <dialog>: the operator form, a confirmation, or a secret shown once. */
export function renderTeamDialog(dialog: TeamDialog | null, h: TeamDialogHandlers) {
  if (!dialog) return nothing;
  switch (dialog.kind) {
    case 'create':
    case 'edit': {
      const editing = dialog.kind === 'edit' ? dialog.operator : null;
      return html`<h2 id="dialog-title">${editing ? msg(str`Edit ${editing.name}`) : msg('Add an operator')}</h2>
        <baton-operator-form
          .operator=${editing}
          .busy=${h.busy}
          .error=${h.error}
          .channels=${h.channels}
          @operator-form-submit=${h.submit}
          @dismiss=${h.close}
        ></baton-operator-form>`;
    }
    case 'confirm': {
      const { title, text, confirm, danger } = confirmationFor(dialog.action, dialog.operator);
      return html`<h2 id="dialog-title">${title}</h2>
        <p>${text}</p>
        ${h.error ? html`<div class="error" role="alert" data-testid="team-dialog-error">${h.error}</div>` : nothing}
        <div class="dialog-buttons">
          <button @click=${h.close}>${msg('Cancel')}</button>
          <button
            class=${danger ? 'primary danger-fill' : 'primary'}
            data-testid="confirm-action"
            ?disabled=${h.busy}
            @click=${() => h.confirm(dialog.action, dialog.operator)}
          >
            ${confirm}
          </button>
        </div>`;
    }
    case 'secret':
      return html`<h2 id="dialog-title">${dialog.title}</h2>
        <p>${dialog.text}</p>
        <baton-one-time-secret .label=${dialog.label} .value=${dialog.secret} data-testid="team-secret"></baton-one-time-secret>
        <div class="dialog-buttons">
          <button class="primary" data-testid="secret-done" @click=${h.close}>${msg('Done')}</button>
        </div>`;
  }
}
