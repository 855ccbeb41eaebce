import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SandboxRichMenuResponse } from '../../../engine/contracts/sandbox.ts';
import { sandbox } from '../api/sandbox-client.ts';

/** How often the customer's menu is asked for: it changes when the conversation does (queued, claimed, closed). */
const EVERY_MS = 2_000;

export type SimulatedRichMenu = NonNullable<SandboxRichMenuResponse['richMenu']>;

/**
 * The rich menu the simulated customer sees (linked to them, else the account's default), polled while the
 * simulator is connected, with each menu's image fetched once (a menu's image never changes at LINE).
 */
export class SandboxRichMenu implements ReactiveController {
  menu: SimulatedRichMenu | null = null;
  /** the chat bar opens and closes the menu, as on a phone */
  open = false;
  readonly #images = new Map<string, string>();
  #userId = '';
  #timer: ReturnType<typeof setInterval> | undefined;
  #inFlight: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => void this.#poll(), EVERY_MS);
    void this.#poll();
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#inFlight?.abort();
  }

  setUser(userId: string): void {
    if (userId === this.#userId) return;
    this.#userId = userId;
    this.menu = null;
    this.host.requestUpdate();
    void this.#poll();
  }

  /** the data: URL of the menu's image, once fetched */
  image(richMenuId: string): string | undefined {
    return this.#images.get(richMenuId);
  }

  toggle(): void {
    this.open = !this.open;
    this.host.requestUpdate();
  }

  async #poll(): Promise<void> {
    if (!this.#userId || this.#inFlight) return;
    const userId = this.#userId;
    this.#inFlight = new AbortController();
    try {
      const { richMenu } = await sandbox.richMenu(userId, this.#inFlight.signal);
      if (userId !== this.#userId) return;
      // a menu that arrives (a new state) opens when LINE would show it open
      if (richMenu && richMenu.richMenuId !== this.menu?.richMenuId) this.open = richMenu.selected;
      this.menu = richMenu;
      if (richMenu && !this.#images.has(richMenu.richMenuId)) this.#images.set(richMenu.richMenuId, (await sandbox.richMenuImage(richMenu.richMenuId)).dataUrl);
      this.host.requestUpdate();
    } catch {
      // the next poll tries again; the chat poller already says when the sandbox is unreachable
    } finally {
      this.#inFlight = null;
    }
  }
}
