import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { shortcutAllowed, shortcutFor, type InboxAction } from './inbox-shortcuts.ts';

/**
 * Listens for the inbox's shortcuts (inbox-shortcuts.ts) on the whole window while the inbox is on the page,
 * so they work wherever the focus rests, and hands each to `run`, which answers whether it did something:
 * only then is the key's default (scrolling on Alt+↓, a "/" typed into the next field) prevented.
 */
export class InboxShortcutsController implements ReactiveController {
  readonly #onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const action = shortcutFor(event);
    if (action === null || !shortcutAllowed(event.composedPath(), event.key)) return;
    if (this.run(action)) event.preventDefault();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly run: (action: InboxAction) => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.#onKeyDown);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.#onKeyDown);
  }
}
