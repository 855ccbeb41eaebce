import type { SourceRange } from './flow-graph-model.ts';

/** A node of the flow graph was picked: show its YAML (`source`: file, character span, line:col). */
export class FlowNodeSelectEvent extends Event {
  static readonly eventName = 'flow-node-select';
  readonly source: SourceRange;

  constructor(source: SourceRange) {
    super(FlowNodeSelectEvent.eventName, { bubbles: true, composed: true });
    this.source = source;
  }
}

declare global {
  interface HTMLElementEventMap {
    'flow-node-select': FlowNodeSelectEvent;
  }
}
