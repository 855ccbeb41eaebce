import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { linePreviewStyles } from './baton-line-preview.styles.ts';
import { httpsUrl } from './flex-scales.ts';
import { renderFlexContainer } from './flex-view.ts';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The labels of a message's quick-reply buttons (LINE shows them only under the last message). */
function quickReplyLabels(message: unknown): string[] {
  const quickReply = isJson(message) ? message.quickReply : undefined;
  const items = isJson(quickReply) && Array.isArray(quickReply.items) ? quickReply.items : [];
  return items.flatMap((item: unknown) => {
    const action = isJson(item) ? item.action : undefined;
    return isJson(action) && typeof action.label === 'string' ? [action.label] : [];
  });
}

/**
 * LINE message objects as the LINE app shows them: text bubbles, images, Flex bubbles and carousels
 * (flex-view.ts), and the quick-reply chips of the last message. The one picture of an outgoing message in
 * the studio: the composer's canned-response preview, the thread's sent cards and the flow simulator all use
 * it, so what an operator previews is what the thread shows afterwards. `messages` may be any JSON (a stored
 * payload); what is not a LINE message it knows is drawn as a labelled placeholder.
 *
 * @csspart chat - the LINE-coloured background, with `framed`
 */
export class BatonLinePreview extends LitElement {
  static override styles = linePreviewStyles;
  static override properties = {
    messages: { attribute: false },
    quickReplies: { type: Boolean, attribute: 'quick-replies' },
    framed: { type: Boolean, reflect: true },
  };

  /** LINE message objects, oldest first */
  declare messages: readonly unknown[];
  /** draw the last message's quick-reply chips (the thread leaves them out: they are gone once answered) */
  declare quickReplies: boolean;
  /** on LINE's chat background, as a phone shows it */
  declare framed: boolean;

  constructor() {
    super();
    this.messages = [];
    this.quickReplies = true;
    this.framed = false;
    updateWhenLocaleChanges(this);
  }

  override render() {
    const labels = this.quickReplies ? quickReplyLabels(this.messages.at(-1)) : [];
    return html`<div class="chat" part="chat" data-testid="line-preview">
      ${this.messages.map((message) => this.#renderMessage(message))}
      ${labels.length
        ? html`<div class="quick-replies" aria-label=${msg('Quick replies')}>
            ${labels.map((label) => html`<span class="chip" data-testid="line-quick-reply">${label}</span>`)}
          </div>`
        : nothing}
    </div>`;
  }

  #renderMessage(message: unknown): TemplateResult {
    const type = isJson(message) ? asText(message.type) : '';
    if (!isJson(message)) return this.#unknown(type);
    switch (type) {
      case 'text':
        return html`<div class="message text" data-testid="line-message" data-type="text">${asText(message.text)}</div>`;
      case 'image': {
        const url = httpsUrl(message.previewImageUrl) ?? httpsUrl(message.originalContentUrl);
        return html`<div class="message image" data-testid="line-message" data-type="image">
          ${url ? html`<img alt=${msg('Image')} src=${url} />` : html`<span class="unknown">${msg('Image')}</span>`}
        </div>`;
      }
      case 'flex':
        return html`<div class="message flex" data-testid="line-message" data-type="flex" title=${asText(message.altText)}>${renderFlexContainer(message.contents)}</div>`;
      default:
        return this.#unknown(type);
    }
  }

  #unknown(type: string): TemplateResult {
    return html`<div class="message unknown" data-testid="line-message" data-type=${type || 'unknown'}>[${type || msg('message')}]</div>`;
  }
}

customElements.define('baton-line-preview', BatonLinePreview);

declare global {
  interface HTMLElementTagNameMap {
    'baton-line-preview': BatonLinePreview;
  }
}
