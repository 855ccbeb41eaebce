import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { MessageDto } from '../../../engine/contracts/conversation.ts';
import { describeError } from '../api/api-error.ts';
import { numberFormat } from '../i18n/format-locale.ts';
import { saveBlob } from '../shared/save-file.ts';
import { mediaObjectUrl } from './media-blobs.ts';

/** "1.2 MB", "340 kB", "12 B" in the studio's language */
export function formatSize(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat({ style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/**
 * The image, video, audio or file a customer sent. An image shows as a thumbnail at once (click: full size in
 * a new tab); audio gets the browser's player at once (voice messages are small); a video is loaded when asked
 * for (it may be 200 MB, and the studio holds what it shows in memory, media-blobs.ts); a file is a download
 * link with its name and size. Before the engine has it from LINE, or when it never will, a line says so.
 */
export class BatonMessageMedia extends LitElement {
  static override styles = css`
    :host {
      display: block;
      /* the bubble keeps the customer's line breaks; this markup has none to keep */
      white-space: normal;
    }
    img.thumbnail {
      display: block;
      max-width: min(240px, 100%);
      max-height: 240px;
      border-radius: 8px;
      cursor: zoom-in;
    }
    video {
      max-width: min(320px, 100%);
      max-height: 320px;
      border-radius: 8px;
    }
    audio {
      max-width: 100%;
    }
    button.link {
      background: none;
      border: none;
      padding: 0;
      color: inherit;
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }
    .state {
      font-style: italic;
      opacity: 0.8;
    }
  `;

  static override properties = {
    message: { attribute: false },
    videoWanted: { state: true },
    downloadError: { state: true },
  };

  declare message: MessageDto;
  /** the operator asked for the video */
  declare videoWanted: boolean;
  declare downloadError: string;

  private readonly shown = new Task(this, {
    task: async ([url, wanted]: readonly [string | undefined, boolean]) => (url && wanted ? mediaObjectUrl(url) : null),
    args: () => [this.message.media?.url, this.message.type !== 'video' && this.message.type !== 'file' ? true : this.videoWanted] as const,
  });

  constructor() {
    super();
    this.videoWanted = false;
    this.downloadError = '';
    updateWhenLocaleChanges(this);
  }

  override render() {
    const { media, mediaState, type } = this.message;
    if (!media) return html`<span class="state" data-testid="media-state" data-state=${mediaState ?? 'fetching'}>${this.stateText()}</span>`;
    if (type === 'file') return this.renderFile();
    if (type === 'video' && !this.videoWanted) {
      return html`<button type="button" class="link" data-testid="media-video-load" @click=${() => (this.videoWanted = true)}>
        ${msg(str`▶ Play video (${formatSize(media.size)})`)}
      </button>`;
    }
    return this.shown.render({
      pending: () => html`<span class="state">${msg('Loading…')}</span>`,
      error: (error) => html`<span class="state" role="alert">${describeError(error)}</span>`,
      complete: (url) => (url ? this.renderShown(url) : nothing),
    });
  }

  private renderShown(url: string) {
    const { type, media } = this.message;
    if (type === 'image' && media?.contentType.startsWith('image/')) {
      return html`<a href=${url} target="_blank" rel="noopener" title=${msg('Open full size')}>
        <img class="thumbnail" data-testid="media-image" src=${url} alt=${this.message.direction === 'in' ? msg('Photo from the customer') : msg('Photo sent to the customer')} />
      </a>`;
    }
    if (type === 'video' && media?.contentType.startsWith('video/')) return html`<video data-testid="media-video" src=${url} controls autoplay></video>`;
    if (type === 'audio' && media?.contentType.startsWith('audio/')) return html`<audio data-testid="media-audio" src=${url} controls preload="metadata"></audio>`;
    // the engine did not recognise the bytes as what LINE said they were: offered as a download only
    return this.renderFile();
  }

  private renderFile() {
    const { media } = this.message;
    if (!media) return nothing;
    const name = this.fileName();
    return html`<button type="button" class="link" data-testid="media-file" @click=${() => void this.download(name)}>
        📎 ${name} (${formatSize(media.size)})
      </button>
      ${this.downloadError ? html`<div class="state" role="alert">${this.downloadError}</div>` : nothing}`;
  }

  private async download(name: string): Promise<void> {
    const url = this.message.media?.url;
    if (!url) return;
    this.downloadError = '';
    try {
      const objectUrl = await mediaObjectUrl(url);
      saveBlob(await (await fetch(objectUrl)).blob(), name);
    } catch (error) {
      this.downloadError = describeError(error);
    }
  }

  private fileName(): string {
    const name: unknown = typeof this.message.payload === 'object' && this.message.payload !== null ? Reflect.get(this.message.payload, 'fileName') : undefined;
    return typeof name === 'string' && name.trim() !== '' ? name : msg('file');
  }

  private stateText(): string {
    switch (this.message.mediaState) {
      case 'expired':
        return msg('No longer available at LINE');
      case 'too_large':
        return msg('Too large to keep');
      case 'failed':
        return msg('Could not be fetched from LINE');
      default:
        return this.message.type === 'image' ? msg('Loading the photo from LINE…') : msg('Loading from LINE…');
    }
  }
}

customElements.define('baton-message-media', BatonMessageMedia);

declare global {
  interface HTMLElementTagNameMap {
    'baton-message-media': BatonMessageMedia;
  }
}
