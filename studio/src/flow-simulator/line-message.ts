/**
 * A bot message drawn as the LINE app shows it: a text bubble, an image, or a flex message as a simple card
 * with its alt text (the full flex layout is LINE's to draw). Quick replies are drawn by the simulator under
 * the last message, since LINE shows only the last message's chips.
 */
import { msg, str } from '@lit/localize';
import { html } from 'lit';
import type { FlowSimulateResponse } from '../../../engine/contracts/rest.ts';
import { safeImageUrl } from '../shared/format.ts';

export type LineMessage = NonNullable<FlowSimulateResponse['turns'][number]>['messages'][number];

export function renderLineMessage(message: LineMessage) {
  switch (message.type) {
    case 'text':
      return html`<div class="bubble bot" data-testid="sim-bot-message" data-type="text">${message.text}</div>`;
    case 'image': {
      const url = safeImageUrl(message.previewImageUrl);
      return html`<div class="bubble bot card" data-testid="sim-bot-message" data-type="image">
        ${url ? html`<img src=${url} alt=${msg('image the bot sends')} />` : html`<span class="muted">${msg(str`image ${message.originalContentUrl}`)}</span>`}
      </div>`;
    }
    case 'flex':
      return html`<div class="bubble bot card" data-testid="sim-bot-message" data-type="flex">
        <span class="card-kind">${msg('Card', { desc: 'a LINE flex message, drawn as a card' })}</span>
        <span>${message.altText}</span>
      </div>`;
  }
}
