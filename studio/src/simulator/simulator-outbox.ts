import { msg, str } from '@lit/localize';
import type { ReactiveControllerHost } from 'lit';
import type { SimulatedEventRequest } from '../../../engine/contracts/sandbox.ts';
import { describeError } from '../api/api-error.ts';
import { sandbox } from '../api/sandbox-client.ts';

/** one thing the simulated customer did, waiting to reach the engine */
export interface OutgoingEvent {
  userId: string;
  event: SimulatedEventRequest;
}

/**
 * What the simulated customer sends, in the order they sent it, one at a time (as LINE delivers one
 * user's events in order). The customer can go on typing and sending while earlier messages are on
 * their way; nothing is dropped. When a send fails the rest stay unsent and `failed` hands back the
 * texts that did not go out, so the page can put them back in the message box. What was sent goes
 * out even if the page is left meanwhile.
 */
export class SimulatorOutbox {
  /** not yet answered by the engine, the one being sent first */
  pending: OutgoingEvent[] = [];
  error: string | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #sent: () => void;
  readonly #failed: (texts: string[]) => void;

  /** `sent`: after each event the engine accepted; `failed`: the texts of the events that did not go out */
  constructor(host: ReactiveControllerHost, handlers: { sent: () => void; failed: (texts: string[]) => void }) {
    this.#host = host;
    this.#sent = handlers.sent;
    this.#failed = handlers.failed;
  }

  get busy(): boolean {
    return this.pending.length > 0;
  }

  add(userId: string, event: SimulatedEventRequest): void {
    this.pending = [...this.pending, { userId, event }];
    this.error = null;
    this.#host.requestUpdate();
    if (this.pending.length === 1) void this.#drain();
  }

  async #drain(): Promise<void> {
    while (this.pending[0]) {
      const problem = await this.#deliver(this.pending[0]);
      if (problem !== null) {
        const texts = this.pending.flatMap(({ event }) => (event.type === 'text' ? [event.text] : []));
        this.pending = [];
        this.error = problem;
        this.#host.requestUpdate();
        this.#failed(texts);
        return;
      }
      this.pending = this.pending.slice(1);
      this.#host.requestUpdate();
      this.#sent();
    }
  }

  /** null when the engine's webhook took it, else what went wrong */
  async #deliver({ userId, event }: OutgoingEvent): Promise<string | null> {
    try {
      const result = await sandbox.sendEvent(userId, event);
      return result.status < 300 ? null : msg(str`The engine's webhook answered ${result.status}: not sent.`);
    } catch (error) {
      return msg(str`Not sent: ${describeError(error)}`);
    }
  }
}
