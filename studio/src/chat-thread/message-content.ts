import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageDto } from '../../../engine/contracts/conversation.ts';
import { stickerImageUrl } from '../../../engine/contracts/sendable-stickers.ts';
import { numberFormat } from '../i18n/format-locale.ts';
import './baton-message-media.ts';
import '../line-preview/baton-line-preview.ts';

/**
 * What a message's bubble shows for the kinds of LINE message that are not text: the media the customer sent
 * (<baton-message-media>), a sticker as the sticker, a location as a map link, an unsent message as a note, a
 * Flex card or linked image the account sent as LINE shows it (<baton-line-preview>).
 * null: the bubble shows the message's text.
 */
export function renderMessageContent(m: MessageDto): TemplateResult | null {
  if (m.unsent) return html`<span class="unsent" data-testid="message-unsent">${msg('The customer unsent a message')}</span>`;
  if (m.direction !== 'in') {
    // what operators send from the composer besides text: an image Baton keeps, a sticker
    if (m.type === 'image' && m.media) return html`<baton-message-media .message=${m}></baton-message-media>`;
    if (m.type === 'sticker') return renderSticker(m.payload);
    // a Flex card or an image at its own URL (canned responses, flow say steps): drawn as the composer previewed it
    if (m.type === 'flex' || m.type === 'image') return html`<baton-line-preview .messages=${[m.payload]} .quickReplies=${false}></baton-line-preview>`;
    return null;
  }
  // without media or a state Baton never fetches it (content at the sender's own server): the text says "[image]"
  if ((m.type === 'image' || m.type === 'video' || m.type === 'audio' || m.type === 'file') && (m.media || m.mediaState)) {
    return html`<baton-message-media .message=${m}></baton-message-media>`;
  }
  if (m.type === 'sticker') return renderSticker(m.payload);
  if (m.type === 'location') return renderLocation(m.payload);
  return null;
}

const field = (payload: unknown, name: string): unknown => (typeof payload === 'object' && payload !== null ? Reflect.get(payload, name) : undefined);
const LINE_ID = /^[0-9]{1,20}$/;

/**
 * LINE's sticker CDN image (the pattern LINE's own tools use); the thread falls back to "[sticker]" with the
 * ids where it does not load. docs/security.md says why this one third-party image is allowed.
 */
function renderSticker(payload: unknown): TemplateResult | null {
  const packageId = String(field(payload, 'packageId') ?? '');
  const stickerId = String(field(payload, 'stickerId') ?? '');
  if (!LINE_ID.test(stickerId)) return null;
  const fallback = msg(str`[sticker ${packageId}/${stickerId}]`);
  const failed = (event: Event) => {
    const image = event.target;
    if (image instanceof HTMLImageElement) image.replaceWith(document.createTextNode(fallback));
  };
  return html`<span data-testid="message-sticker" data-sticker-id=${stickerId}
    ><img class="sticker" alt=${fallback} title=${fallback} src=${stickerImageUrl(stickerId)} @error=${failed}
  /></span>`;
}

/** A link to the place on OpenStreetMap, named by its title and address (or its coordinates). */
function renderLocation(payload: unknown): TemplateResult | null {
  const latitude = Number(field(payload, 'latitude'));
  const longitude = Number(field(payload, 'longitude'));
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const names = [field(payload, 'title'), field(payload, 'address')].filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  const coordinates = `${numberFormat({ maximumFractionDigits: 5 }).format(latitude)}, ${numberFormat({ maximumFractionDigits: 5 }).format(longitude)}`;
  const href = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
  return html`<div class="rich">
    <a class="location" data-testid="message-location" href=${href} target="_blank" rel="noopener noreferrer">📍 ${names.length > 0 ? names.join(' · ') : coordinates}</a>
    ${names.length > 0 ? html`<div class="hint">${coordinates}</div>` : nothing}
    <div class="hint">${msg('Opens OpenStreetMap')}</div>
  </div>`;
}
