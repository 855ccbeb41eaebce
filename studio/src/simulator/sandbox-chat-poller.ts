import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SandboxChatEntry } from '../../../engine/contracts/sandbox.ts';
import { describeError } from '../api/api-error.ts';
import { sandbox } from '../api/sandbox-client.ts';

/**
 * Polls the sandbox for one LINE user's chat (what the phone would show) while its host is
 * connected. One request at a time; `pollNow()` after sending makes the answer show up quickly.
 */
export class SandboxChatPoller implements ReactiveController {
  entries: SandboxChatEntry[] = [];
  error: string | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #intervalMs: number;
  #userId: string | null = null;
  #after = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;
  #running = false;
  #again = false;

  constructor(host: ReactiveControllerHost, intervalMs = 500) {
    this.#host = host;
    this.#intervalMs = intervalMs;
    host.addController(this);
  }

  hostConnected(): void {
    this.#running = true;
    this.pollNow();
  }

  hostDisconnected(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#abort = null;
  }

  /** Switch to another LINE user: the chat starts over from their first entry. */
  setUser(userId: string): void {
    if (userId === this.#userId) return;
    this.#userId = userId;
    this.#after = 0;
    this.entries = [];
    this.error = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#host.requestUpdate();
    this.pollNow();
  }

  pollNow(): void {
    if (!this.#running) return;
    if (this.#abort) {
      this.#again = true; // a poll is in flight; run another right after it
      return;
    }
    clearTimeout(this.#timer);
    void this.#poll();
  }

  async #poll(): Promise<void> {
    const userId = this.#userId;
    if (!userId) return;
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const { entries } = await sandbox.chat(userId, this.#after, abort.signal);
      if (abort.signal.aborted || userId !== this.#userId) return;
      const fresh = entries.filter((entry) => entry.seq > this.#after);
      if (fresh.length) {
        this.entries = [...this.entries, ...fresh];
        this.#after = Math.max(...fresh.map((entry) => entry.seq));
      }
      if (this.error !== null || fresh.length) {
        this.error = null;
        this.#host.requestUpdate();
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = describeError(error);
      this.#host.requestUpdate();
    } finally {
      if (this.#abort === abort) this.#abort = null;
      if (this.#running && !abort.signal.aborted) {
        const delay = this.#again ? 0 : this.#intervalMs;
        this.#again = false;
        this.#timer = setTimeout(() => void this.#poll(), delay);
      }
    }
  }
}
