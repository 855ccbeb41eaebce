import { Task, TaskStatus } from '@lit/task';
import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { CannedResponseDto } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { renderCannedList } from './canned-list.ts';
import { filterCanned, slashTokenAt, type SlashToken } from './canned-match.ts';

/** slash: filtered by the `/word` typed in the reply; browse: opened by the button, with its own search */
type Picking = { mode: 'slash'; token: SlashToken } | { mode: 'browse'; query: string; start: number; end: number };

/** The composer the picker sits in, and what it needs of it. */
type PickerHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface CannedPickerOptions {
  /** whose canned responses to offer (they are rendered for that customer) */
  conversationId(): string | null;
  textarea(): HTMLTextAreaElement | null;
  /** a response was chosen for the text between `start` and `end` of the reply box (the `/word`, or the selection when browsing) */
  chosen(response: CannedResponseDto, range: { start: number; end: number; slash: boolean }): void;
}

/**
 * The composer's canned responses: typing `/` (at the start or after a space) opens the list filtered by
 * what follows; the Canned button browses them with a search field of its own. Arrow keys move, Enter or
 * Tab (or a click) chooses, Esc closes, and a `/word` closed with Esc stays closed while the operator types
 * on. The responses are fetched for the host's conversation, rendered for its customer.
 */
export class CannedPicker implements ReactiveController {
  #picking: Picking | null = null;
  #activeIndex = 0;
  /** where a `/word` the operator closed with Esc starts, so it stays closed while they type on */
  #dismissedAt: number | null = null;
  /** what the last update showed: the chosen option is scrolled into view when either changes */
  #shown: { picking: Picking | null; activeIndex: number } = { picking: null, activeIndex: 0 };

  readonly #canned: Task<[string | null], CannedResponseDto[]>;

  constructor(
    private readonly host: PickerHost,
    private readonly options: CannedPickerOptions,
  ) {
    host.addController(this);
    this.#canned = new Task(host, {
      args: (): [string | null] => [options.conversationId()],
      task: async ([id], { signal }) => (id ? (await api.cannedResponses(id, signal)).responses : []),
    });
  }

  /** open from a `/word` in the reply box (the box then owns the keyboard: aria-activedescendant) */
  get slashOpen(): boolean {
    return this.#picking?.mode === 'slash';
  }

  get browsing(): boolean {
    return this.#picking?.mode === 'browse';
  }

  get activeIndex(): number {
    return this.#activeIndex;
  }

  get matches(): CannedResponseDto[] {
    return this.#picking ? filterCanned(this.#canned.value ?? [], this.#query) : [];
  }

  get #query(): string {
    if (!this.#picking) return '';
    return this.#picking.mode === 'slash' ? this.#picking.token.query : this.#picking.query;
  }

  #set(picking: Picking | null, activeIndex = this.#activeIndex): void {
    this.#picking = picking;
    this.#activeIndex = activeIndex;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    if (this.#shown.picking === this.#picking && this.#shown.activeIndex === this.#activeIndex) return;
    this.#shown = { picking: this.#picking, activeIndex: this.#activeIndex };
    this.host.renderRoot.querySelector('[role="option"][aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  /** Arrow keys, Enter/Tab and Esc while the list is open; true when the key was the list's. */
  key(event: KeyboardEvent): boolean {
    if (event.isComposing || !this.#picking) return false;
    const matches = this.matches;
    const count = matches.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (count) this.#set(this.#picking, (this.#activeIndex + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
        break;
      case 'Tab':
      case 'Enter': {
        if (event.shiftKey) return false;
        const chosen = matches[this.#activeIndex];
        if (chosen) this.choose(chosen);
        // with nothing to insert, Tab moves on; Enter is swallowed rather than sending a half-typed "/wor"
        else if (event.key === 'Tab') return false;
        break;
      }
      case 'Escape':
        this.close(true);
        this.options.textarea()?.focus();
        break;
      default:
        return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  /** Opens, refilters or closes the slash list for the `/word` at the caret. */
  syncSlash(): void {
    const textarea = this.options.textarea();
    const current = this.#picking;
    if (!textarea || current?.mode === 'browse') return;
    const caret = textarea.selectionStart;
    const token = caret === textarea.selectionEnd ? slashTokenAt(textarea.value, caret) : null;
    if (!token || token.start === this.#dismissedAt) {
      if (!token) this.#dismissedAt = null;
      if (current) this.#set(null);
      return;
    }
    this.#set({ mode: 'slash', token }, current?.token.query === token.query ? this.#activeIndex : 0);
  }

  /** The Canned button: opens the list with its search field (focused), or closes it. */
  async toggleBrowse(): Promise<void> {
    if (this.browsing) {
      this.close(false);
      this.options.textarea()?.focus();
      return;
    }
    const textarea = this.options.textarea();
    this.#set({ mode: 'browse', query: '', start: textarea?.selectionStart ?? 0, end: textarea?.selectionEnd ?? 0 }, 0);
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLInputElement>('[data-testid="canned-search"]')?.focus();
  }

  choose(response: CannedResponseDto): void {
    const picking = this.#picking;
    if (!picking) return;
    const [start, end] = picking.mode === 'slash' ? [picking.token.start, picking.token.end] : [picking.start, picking.end];
    this.close(false);
    this.options.chosen(response, { start, end, slash: picking.mode === 'slash' });
  }

  close(dismissed: boolean): void {
    this.#dismissedAt = dismissed && this.#picking?.mode === 'slash' ? this.#picking.token.start : null;
    this.#set(null);
  }

  /** Focus leaving the reply box or the search field for anything but the other closes the list. */
  focusOut(event: FocusEvent): void {
    // clicks in the list keep the focus (mousedown), so focus leaving the list's input means the operator moved on
    if (!this.#picking) return;
    const input = this.#picking.mode === 'slash' ? this.options.textarea() : this.host.renderRoot.querySelector('[data-testid="canned-search"]');
    if (event.relatedTarget !== input) this.close(false);
  }

  /** The caret moved without typing (arrows, Home/End, a click): the `/word` under it may have changed. */
  caretMoved(event: Event): void {
    if (event instanceof KeyboardEvent && !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    this.syncSlash();
  }

  render() {
    const picking = this.#picking;
    if (!picking) return nothing;
    return renderCannedList({
      matches: this.matches,
      activeIndex: this.#activeIndex,
      query: this.#query,
      loading: this.#canned.status === TaskStatus.PENDING && !this.#canned.value,
      error: this.#canned.status === TaskStatus.ERROR ? this.#canned.error : null,
      search:
        picking.mode === 'browse'
          ? {
              onInput: (event) => {
                if (this.#picking?.mode === 'browse' && event.target instanceof HTMLInputElement) this.#set({ ...this.#picking, query: event.target.value }, 0);
              },
              onKeydown: (event) => void this.key(event),
            }
          : null,
      onPick: (response) => this.choose(response),
      onHover: (index) => this.#set(this.#picking, index),
    });
  }
}
