/** Compare two published versions: what changed from `from` to `to`. */
export class FlowCompareEvent extends Event {
  static readonly eventName = 'flow-compare';
  readonly from: number;
  readonly to: number;
  constructor(from: number, to: number) {
    super(FlowCompareEvent.eventName, { bubbles: true, composed: true });
    this.from = from;
    this.to = to;
  }
}

declare global {
  interface HTMLElementEventMap {
    'flow-compare': FlowCompareEvent;
  }
}
