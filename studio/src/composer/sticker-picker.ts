import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { sendableStickerList, stickerImageUrl } from '../../../engine/contracts/sendable-stickers.ts';

export interface StickerChoice {
  packageId: string;
  stickerId: string;
}

/** the set the engine accepts: one list for both */
const SENDABLE_STICKERS: readonly StickerChoice[] = sendableStickerList();

/** The sticker grid above the reply box: a click sends that sticker at once, as LINE's own picker does. */
export function renderStickerPicker(onPick: (sticker: StickerChoice) => void): TemplateResult {
  return html`<div class="sticker-picker" role="listbox" aria-label=${msg('Stickers')} data-testid="sticker-picker">
    ${SENDABLE_STICKERS.map(
      (s) => html`<button
        type="button"
        role="option"
        class="sticker-choice"
        data-testid="sticker-choice"
        data-sticker-id=${s.stickerId}
        title=${msg('Send this sticker')}
        @click=${() => onPick(s)}
      >
        <img src=${stickerImageUrl(s.stickerId)} alt=${`${s.packageId}/${s.stickerId}`} loading="lazy" />
      </button>`,
    )}
  </div>`;
}
