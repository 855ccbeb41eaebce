import type { FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';

/**
 * The draft's files changed: typed into, formatted, started or restored. Fired on every change
 * (each keystroke); a listener that does work per draft (a simulation) should wait for a pause.
 */
export class DraftChangeEvent extends Event {
  static readonly eventName = 'draft-change';
  readonly files: readonly FlowSource[];

  constructor(files: readonly FlowSource[]) {
    super(DraftChangeEvent.eventName, { bubbles: true, composed: true });
    this.files = files;
  }
}

declare global {
  interface HTMLElementEventMap {
    'draft-change': DraftChangeEvent;
  }
}
