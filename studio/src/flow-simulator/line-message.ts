/**
 * A bot message drawn as the LINE app shows it: a text bubble, or an image or Flex card drawn by
 * <baton-line-preview> (the same picture the inbox shows). Quick replies are drawn by the simulator under the
 * last message, since LINE shows only the last message's chips.
 */
import { html } from 'lit';
import type { FlowSimulateResponse } from '../../../engine/contracts/rest.ts';
import '../line-preview/baton-line-preview.ts';

export type LineMessage = NonNullable<FlowSimulateResponse['turns'][number]>['messages'][number];

export function renderLineMessage(message: LineMessage) {
  if (message.type === 'text') return html`<div class="bubble bot" data-testid="sim-bot-message" data-type="text">${message.text}</div>`;
  return html`<div class="card" data-testid="sim-bot-message" data-type=${message.type}>
    <baton-line-preview .messages=${[message]} .quickReplies=${false}></baton-line-preview>
  </div>`;
}
