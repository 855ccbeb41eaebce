import { msg, str } from '@lit/localize';
import type { ConversationDto } from '../../../engine/contracts/conversation.ts';
import { playAlertTone } from './alert-tone.ts';
import { showNotice } from './desktop-notice.ts';
import { isMuted, setMuted } from './mute-preference.ts';
import { SignalKind } from './signal-rules.ts';

const TITLES: Record<SignalKind, (name: string) => string> = {
  waiting: (name) => msg(str`New chat waiting: ${name}`),
  assigned: (name) => msg(str`Chat assigned to you: ${name}`),
  message: (name) => msg(str`New message from ${name}`),
};

/**
 * Sound and desktop notification for one signed-in operator, unless they muted them (mute-preference.ts).
 * The inbox decides what deserves a signal (signal-rules.ts) and skips the conversation on screen.
 */
export class OperatorSignals extends EventTarget {
  readonly #operatorId: string;
  #muted: boolean;

  constructor(operatorId: string) {
    super();
    this.#operatorId = operatorId;
    this.#muted = isMuted(operatorId);
  }

  get muted(): boolean {
    return this.#muted;
  }

  set muted(muted: boolean) {
    this.#muted = muted;
    setMuted(this.#operatorId, muted);
    this.dispatchEvent(new Event('change'));
  }

  /** `text`: what the customer wrote, if the signal is about a message; `open`: show that conversation */
  alert(kind: SignalKind, conversation: ConversationDto, text: string | null, open: () => void): void {
    if (this.#muted) return;
    const name = conversation.customer.displayName ?? msg('A customer');
    playAlertTone();
    showNotice(TITLES[kind](name), text ?? conversation.lastMessage?.text ?? '', `baton-${conversation.id}`, open);
  }
}
