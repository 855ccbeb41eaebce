import { msg, str } from '@lit/localize';
import { html } from 'lit';
import type { CannedResponseDto } from '../../../engine/contracts/rest.ts';
import '../line-preview/baton-line-preview.ts';

/** The picked rich canned response above the reply box, as LINE will show it, with a button to drop it. */
export function renderRichCanned(response: CannedResponseDto, onRemove: () => void) {
  return html`<div class="rich-canned" data-testid="rich-canned-preview" data-canned-id=${response.id}>
    <div class="rich-canned-head">
      <span>${msg(str`Canned response “${response.title}”, as LINE shows it:`)}</span>
      <button type="button" data-testid="rich-canned-remove" title=${msg('Do not send this canned response')} @click=${onRemove}>✕ ${msg('Remove')}</button>
    </div>
    <baton-line-preview framed .messages=${response.messages}></baton-line-preview>
  </div>`;
}
