/**
 * When the person last used the studio (pointer, keys, focus, in any tab of this origin), for the idle
 * timeout: the session tells the engine on its next refresh, and the idle warning counts from it.
 * Only trusted events count: a script cannot keep a session alive. Focus counts when the window gets it
 * (the person came back to the tab), not when an element does: the studio moves focus itself, e.g. to
 * the idle warning's button.
 *
 * @event input - the person used the studio (at most once a second), here or in another tab
 */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;
/** pointer moves arrive by the hundred: one a second is plenty for a timeout counted in minutes */
const RECORD_EVERY_MS = 1_000;
/** other tabs hear of input at most this often */
const SHARE_EVERY_MS = 5_000;

export class UserActivity extends EventTarget {
  #lastInputAt = Date.now();
  #lastSharedAt = 0;
  readonly #channel: BroadcastChannel | null = typeof BroadcastChannel === 'function' ? new BroadcastChannel('baton-activity') : null;

  readonly #target: EventTarget;

  constructor(target: EventTarget) {
    super();
    this.#target = target;
    for (const type of INPUT_EVENTS) target.addEventListener(type, this.#onInput, { capture: true, passive: true });
    this.#channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const at = readAt(event.data);
      if (at !== null && at > this.#lastInputAt) this.#set(Math.min(at, Date.now()));
    });
  }

  /** epoch ms of the last input */
  get lastInputAt(): number {
    return this.#lastInputAt;
  }

  /** Counts as input now (signing in is using the studio). */
  record(): void {
    this.#set(Date.now());
    this.#share();
  }

  readonly #onInput = (event: Event): void => {
    if (!event.isTrusted || (event.type === 'focus' && event.target !== this.#target)) return;
    if (Date.now() - this.#lastInputAt < RECORD_EVERY_MS) return;
    this.record();
  };

  #set(at: number): void {
    this.#lastInputAt = at;
    this.dispatchEvent(new Event('input'));
  }

  #share(): void {
    if (this.#lastInputAt - this.#lastSharedAt < SHARE_EVERY_MS) return;
    this.#lastSharedAt = this.#lastInputAt;
    this.#channel?.postMessage({ at: this.#lastInputAt });
  }
}

function readAt(data: unknown): number | null {
  if (typeof data !== 'object' || data === null || !('at' in data)) return null;
  return typeof data.at === 'number' && Number.isFinite(data.at) ? data.at : null;
}

export const userActivity = new UserActivity(window);
