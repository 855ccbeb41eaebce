import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { CannedResponseDto, SendMessageRequest } from '../../../engine/contracts/rest.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { composerStyles } from './baton-composer.styles.ts';
import { CANNED_LIST_ID, cannedOptionId } from './canned-list.ts';
import { CannedPicker } from './canned-picker.ts';
import { imageFileOf, imageProblem, PREVIEW_LIMIT_BYTES, previewOf, uploadImage } from './image-attachment.ts';
import type { StickerChoice } from './sticker-picker.ts';
import { renderStickerPicker } from './sticker-picker.ts';
import { renderRichCanned } from './rich-canned.ts';

/** an image chosen, pasted or dropped, shown before it is sent */
interface PendingImage {
  file: Blob;
  /** object URL of the file for the preview; revoked when the image is sent or removed */
  url: string;
}

const TYPING_SENT_EVERY_MS = 2_000;
const MAX_HEIGHT_PX = 160;

/** `/note the text` sends the text as a private note whatever the toggle says */
const NOTE_COMMAND = /^\/note(?:\s+|$)/i;

/**
 * The reply box: Enter sends, Shift+Enter breaks the line, and Enter that confirms an IME candidate
 * (Thai, Japanese keyboards) does neither. The text is cleared only once `submit` says it went out, and
 * then only what was sent (the operator may have typed on meanwhile); when it did not go out the text
 * stays and the composer says it was not sent.
 *
 * Reply | Note: in Note mode (or with `/note ` in front) the text is a private note for the team, never
 * sent to the customer; the box turns amber so nobody mistakes one for the other.
 *
 * Canned responses (canned-picker.ts): typing `/` lists the conversation's canned responses, the button
 * next to the box browses them; a chosen one's rendered text is put in the box for editing, never sent. A
 * rich one (an image, a Flex card, quick replies) is previewed above the box as LINE shows it
 * (<baton-line-preview>) and Send sends it as it is, `{ canned: id }`, then whatever was typed.
 *
 * Images and stickers: 📎 (or pasting or dropping an image) shows the image under the box with a remove
 * button; Send uploads and sends it (then the text, if any). LINE's limits (JPEG or PNG, 10 MB) are checked
 * here before uploading; an image over 1 MB goes with a smaller preview made here. ☺ opens a grid of the
 * stickers a bot may send; a click sends one.
 *
 * @event composer-typing - the operator is typing (at most every 2 s)
 */
export class BatonComposer extends LitElement {
  static override styles = [controlStyles, composerStyles];
  static override properties = {
    placeholder: { type: String },
    conversationId: { attribute: false },
    submit: { attribute: false },
    busy: { state: true },
    notSent: { state: true },
    noteMode: { state: true },
    submitMedia: { attribute: false },
    image: { state: true },
    stickersOpen: { state: true },
    mediaError: { state: true },
    richCanned: { state: true },
  };

  declare placeholder: string;
  /** whose canned responses to offer (they are rendered for that customer) */
  declare conversationId: string | null;
  /** sends the text, as a private note when `note`; resolves true when it went out */
  declare submit: (text: string, note: boolean) => Promise<boolean>;
  /** the next message is a private note for the team */
  declare noteMode: boolean;
  declare busy: boolean;
  /** the last send did not go out; its text is still in the box */
  declare notSent: boolean;
  /** sends an image or sticker message; resolves true when it went out */
  declare submitMedia: (body: SendMessageRequest) => Promise<boolean>;
  declare image: PendingImage | null;
  declare stickersOpen: boolean;
  /** why the image or sticker was not sent (or may not be) */
  declare mediaError: string | null;
  /** a canned response with an image, a Flex card or quick replies, previewed above the box until sent */
  declare richCanned: CannedResponseDto | null;

  #lastTypingSent = 0;

  readonly #picker = new CannedPicker(this, {
    conversationId: () => this.conversationId,
    textarea: () => this.#textarea,
    chosen: (response, range) => this.#insert(response, range),
  });

  constructor() {
    super();
    // the thread names the customer; this stands in when it does not
    this.placeholder = '';
    this.conversationId = null;
    this.submit = async () => false;
    this.busy = false;
    this.notSent = false;
    this.noteMode = false;
    this.submitMedia = async () => false;
    this.image = null;
    this.stickersOpen = false;
    this.mediaError = null;
    this.richCanned = null;
    updateWhenLocaleChanges(this);
  }

  override focus(): void {
    this.#textarea?.focus();
  }

  get #textarea(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.image) URL.revokeObjectURL(this.image.url);
    this.image = null;
  }

  /** Takes a chosen, pasted or dropped file as the image to send, or says why LINE would refuse it. */
  #attach(file: Blob | null): void {
    if (!file) return;
    const problem = imageProblem(file);
    this.mediaError = problem;
    if (problem) return;
    if (this.image) URL.revokeObjectURL(this.image.url);
    this.image = { file, url: URL.createObjectURL(file) };
  }

  #removeImage(): void {
    if (this.image) URL.revokeObjectURL(this.image.url);
    this.image = null;
    this.mediaError = null;
    this.#textarea?.focus();
  }

  #removeRichCanned(): void {
    this.richCanned = null;
    this.mediaError = null;
    this.#textarea?.focus();
  }

  #onFileChosen(event: Event): void {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    this.#attach(input.files?.[0] ?? null);
    // the same file may be chosen again after removing it
    input.value = '';
  }

  #onPaste(event: ClipboardEvent): void {
    const file = imageFileOf(event.clipboardData);
    if (!file || this.noteMode) return;
    event.preventDefault();
    this.#attach(file);
  }

  #onDrop(event: DragEvent): void {
    const file = imageFileOf(event.dataTransfer);
    if (!file || this.noteMode) return;
    event.preventDefault();
    this.#attach(file);
  }

  /** Uploads and sends the pending image; true when it went out (the preview is then cleared). */
  async #sendImage(image: PendingImage): Promise<boolean> {
    const id = this.conversationId;
    if (!id) return false;
    try {
      const attachmentId = await uploadImage(id, image.file);
      const previewAttachmentId = image.file.size > PREVIEW_LIMIT_BYTES ? await uploadImage(id, await previewOf(image.file)) : undefined;
      const sent = await this.submitMedia({ image: previewAttachmentId ? { attachmentId, previewAttachmentId } : { attachmentId } });
      if (!sent) return false;
      if (this.image === image) {
        URL.revokeObjectURL(image.url);
        this.image = null;
      }
      return true;
    } catch (error) {
      this.mediaError = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  async #sendSticker(sticker: StickerChoice): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.mediaError = null;
    try {
      const sent = await this.submitMedia({ sticker }).catch(() => false);
      if (sent) this.stickersOpen = false;
      else this.mediaError = msg('The sticker was not sent. Try again.');
    } finally {
      this.busy = false;
    }
  }

  /** Sends the previewed canned response as it is (the engine renders the same messages); true when it went out. */
  async #sendRichCanned(response: CannedResponseDto): Promise<boolean> {
    this.busy = true;
    this.mediaError = null;
    const sent = await this.submitMedia({ canned: response.id }).catch(() => false);
    this.busy = false;
    if (!sent) {
      this.mediaError = msg('The canned response was not sent. Press Send to try again.');
      return false;
    }
    if (this.richCanned === response) this.richCanned = null;
    return true;
  }

  async #send(): Promise<void> {
    const rich = this.richCanned;
    if (rich && !this.noteMode && !this.busy && !(await this.#sendRichCanned(rich))) return;
    const image = this.image;
    if (image && !this.noteMode && !this.busy) {
      this.busy = true;
      this.mediaError = null;
      const sent = await this.#sendImage(image);
      this.busy = false;
      if (!sent) {
        this.mediaError ??= msg('The image was not sent. Press Send to try again.');
        return;
      }
    }
    const textarea = this.#textarea;
    const sending = textarea?.value ?? '';
    const typed = sending.trim();
    const command = NOTE_COMMAND.test(typed);
    const text = command ? typed.replace(NOTE_COMMAND, '').trim() : typed;
    if (!textarea || !text || this.busy) return;
    this.busy = true;
    this.notSent = false;
    try {
      const sent = await this.submit(text, command || this.noteMode).catch(() => false);
      this.notSent = !sent;
      if (sent) {
        // what was typed after it while it was on its way stays for the next message
        if (textarea.value.startsWith(sending)) textarea.value = textarea.value.slice(sending.length).trimStart();
        this.#autosize();
      }
    } finally {
      this.busy = false;
      await this.updateComplete;
      textarea.focus();
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (this.#picker.slashOpen && this.#picker.key(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.#send();
  }

  #onInput(): void {
    this.#autosize();
    this.#picker.syncSlash();
    const now = Date.now();
    if (now - this.#lastTypingSent < TYPING_SENT_EVERY_MS) return;
    this.#lastTypingSent = now;
    this.dispatchEvent(new Event('composer-typing', { bubbles: true, composed: true }));
  }

  #autosize(): void {
    const textarea = this.#textarea;
    if (!textarea) return;
    textarea.style.height = 'auto';
    // scrollHeight leaves out the border (box-sizing: border-box)
    textarea.style.height = `${Math.min(textarea.scrollHeight + 2, MAX_HEIGHT_PX)}px`;
  }

  /**
   * Puts the rendered text in place of the `/word` (or the selection when browsing), caret after it. A rich
   * response (image, Flex, quick replies) cannot be edited as text: it is previewed above the box as LINE
   * will show it, the `/word` is taken out, and Send sends it.
   */
  #insert(response: CannedResponseDto, { start, end, slash }: { start: number; end: number; slash: boolean }): void {
    const textarea = this.#textarea;
    if (!textarea) return;
    if (response.rich) this.richCanned = response;
    // a rich one takes out the `/word` that found it and leaves a browsing operator's text alone
    if (!response.rich) textarea.setRangeText(response.text, start, end, 'end');
    else if (slash) textarea.setRangeText('', start, end, 'end');
    textarea.focus();
    this.#autosize();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // a previewed card was rendered for the customer of the conversation it was picked in
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) this.richCanned = null;
  }

  override render() {
    const picker = this.#picker;
    const note = this.noteMode;
    return html`<div class="modes" role="group" aria-label=${msg('Write', { desc: 'the Reply / Note switch above the reply box' })}>
        <button class=${note ? '' : 'on'} aria-pressed=${note ? 'false' : 'true'} data-testid="composer-mode-reply" @click=${() => this.#setMode(false)}>${msg('Reply')}</button>
        <button class=${note ? 'on note' : ''} aria-pressed=${note ? 'true' : 'false'} data-testid="composer-mode-note" @click=${() => this.#setMode(true)}>${msg('Note')}</button>
        ${note ? html`<span class="mode-hint">${msg('Only your team sees notes; the customer never gets them.')}</span>` : nothing}
      </div>
      ${this.image && !note
        ? html`<div class="attachment" data-testid="attachment-preview">
            <img src=${this.image.url} alt=${msg('The image to send')} />
            <button type="button" data-testid="attachment-remove" title=${msg('Remove the image')} @click=${this.#removeImage}>✕ ${msg('Remove')}</button>
          </div>`
        : nothing}
      ${this.richCanned && !note ? renderRichCanned(this.richCanned, () => this.#removeRichCanned()) : nothing}
      ${this.mediaError ? html`<div class="error" role="alert" data-testid="composer-media-error">${this.mediaError}</div>` : nothing}
      ${this.stickersOpen && !note ? renderStickerPicker((s) => void this.#sendSticker(s)) : nothing}
      <div class="row ${note ? 'note' : ''}" @focusout=${(e: FocusEvent) => picker.focusOut(e)} @dragover=${(e: DragEvent) => e.preventDefault()} @drop=${this.#onDrop}>
        ${picker.render()}
        <button
          class="canned-button"
          title=${msg('Canned responses (or type / in the reply)')}
          aria-haspopup="listbox"
          aria-expanded=${picker.browsing ? 'true' : 'false'}
          data-testid="canned-button"
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => picker.toggleBrowse()}
        >
          ${msg('Canned', { desc: 'the button that lists canned responses' })}
        </button>
        ${note
          ? nothing
          : html`<label class="icon-button" title=${msg('Attach an image (JPEG or PNG, up to 10 MB)')} data-testid="attach-button">
                📎<input type="file" accept="image/jpeg,image/png" data-testid="attach-input" @change=${this.#onFileChosen} />
              </label>
              <button
                type="button"
                class="icon-button"
                title=${msg('Stickers')}
                aria-expanded=${this.stickersOpen ? 'true' : 'false'}
                data-testid="sticker-button"
                @click=${() => (this.stickersOpen = !this.stickersOpen)}
              >
                ☺
              </button>`}
        <textarea
          rows="1"
          placeholder=${note ? msg('Write a note only your team sees…') : this.placeholder || msg('Reply…')}
          aria-label=${note ? msg('Note') : msg('Reply')}
          aria-autocomplete="list"
          aria-controls=${CANNED_LIST_ID}
          aria-expanded=${picker.slashOpen ? 'true' : 'false'}
          aria-activedescendant=${picker.slashOpen && picker.matches.length ? cannedOptionId(picker.activeIndex) : nothing}
          data-testid="composer-input"
          @keydown=${this.#onKeydown}
          @input=${this.#onInput}
          @paste=${this.#onPaste}
          @keyup=${(e: Event) => picker.caretMoved(e)}
          @click=${(e: Event) => picker.caretMoved(e)}
        ></textarea>
        <button class="primary" data-testid="send-button" ?disabled=${this.busy} @click=${this.#send}>${note ? msg('Add note') : msg('Send')}</button>
      </div>
      ${this.notSent
        ? html`<div class="error" role="alert" data-testid="composer-not-sent">
            ${msg('Not sent: your message is still in the box. Press Send to try again.')}
          </div>`
        : nothing}
      <div class="hint">${msg('Enter to send · Shift+Enter for a new line · / for canned responses · /note for a private note')}</div>`;
  }

  async #setMode(note: boolean): Promise<void> {
    this.noteMode = note;
    await this.updateComplete;
    this.#textarea?.focus();
  }
}

customElements.define('baton-composer', BatonComposer);

declare global {
  interface HTMLElementTagNameMap {
    'baton-composer': BatonComposer;
  }
}
