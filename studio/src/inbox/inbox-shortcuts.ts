import { msg } from '@lit/localize';

/**
 * The inbox's keyboard shortcuts: one table, read by the key handler (InboxShortcutsController) and by the
 * `?` dialog that lists them, so the two cannot disagree. No shortcut fires while the operator types (an
 * input, a textarea, a select, anything contenteditable) or holds Ctrl / Cmd, so typing "j" into a reply
 * stays a "j" and the browser's own shortcuts keep working.
 */

export const InboxAction = {
  NEXT: 'next',
  PREVIOUS: 'previous',
  CLAIM: 'claim',
  CLOSE: 'close',
  COMPOSE: 'compose',
  SEARCH: 'search',
  HELP: 'help',
} as const;
export type InboxAction = (typeof InboxAction)[keyof typeof InboxAction];

export interface InboxShortcut {
  action: InboxAction;
  /** `KeyboardEvent.key` values, with `Alt+` for the Alt key held; the first is the one shown first */
  keys: readonly string[];
  /** what it does, as the `?` dialog says it (in the language of the moment) */
  readonly label: string;
}

export const INBOX_SHORTCUTS: readonly InboxShortcut[] = [
  {
    action: InboxAction.NEXT,
    keys: ['j', 'Alt+ArrowDown'],
    get label() {
      return msg('Next conversation in the list');
    },
  },
  {
    action: InboxAction.PREVIOUS,
    keys: ['k', 'Alt+ArrowUp'],
    get label() {
      return msg('Previous conversation in the list');
    },
  },
  {
    action: InboxAction.CLAIM,
    keys: ['c'],
    get label() {
      return msg('Claim the open conversation');
    },
  },
  {
    action: InboxAction.CLOSE,
    keys: ['e'],
    get label() {
      return msg('Close the open conversation (asks first, like the Close button)');
    },
  },
  {
    action: InboxAction.COMPOSE,
    keys: ['r', 'Enter'],
    get label() {
      return msg('Write a reply (focus the composer)');
    },
  },
  {
    action: InboxAction.SEARCH,
    keys: ['/'],
    get label() {
      return msg('Search conversations');
    },
  },
  {
    action: InboxAction.HELP,
    keys: ['?'],
    get label() {
      return msg('Show these shortcuts');
    },
  },
];

/** how a key reads in the dialog */
export function keyLabel(key: string): string {
  return key.replace('Alt+', 'Alt + ').replace('ArrowDown', '↓').replace('ArrowUp', '↑');
}

/** the parts of a key press the shortcuts look at (a KeyboardEvent has them all) */
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** the action of a key press, or null; whether the focus allows shortcuts is the caller's question */
export function shortcutFor(press: KeyPress): InboxAction | null {
  if (press.ctrlKey || press.metaKey) return null;
  // letters keep their meaning with Caps Lock on; "?" needs Shift on most layouts, so Shift is not checked
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const name = press.altKey ? `Alt+${key}` : key;
  return INBOX_SHORTCUTS.find((shortcut) => shortcut.keys.includes(name))?.action ?? null;
}

/** Elements the operator types into or that Enter / Space already act on. */
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const ACTS_ON_ENTER = new Set(['BUTTON', 'A', 'SUMMARY']);

/**
 * Whether a shortcut may act for a key pressed with this composed path (event.composedPath(): the inbox's
 * parts live in shadow roots, so event.target alone names only the outermost host): not while typing, not
 * inside an open dialog (its own keys rule there), and Enter not on something Enter already presses.
 */
export function shortcutAllowed(path: readonly EventTarget[], key: string): boolean {
  for (const target of path) {
    if (!(target instanceof HTMLElement)) continue;
    if (TYPING.has(target.tagName) || target.isContentEditable) return false;
    // a dialog just closed with Escape may still hold the focus (on its button) for a moment: only an open one rules
    if (target instanceof HTMLDialogElement && target.open) return false;
    if (key === 'Enter' && ACTS_ON_ENTER.has(target.tagName)) return false;
  }
  return true;
}
