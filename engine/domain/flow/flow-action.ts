/** What the runtime decided. Services apply actions; the runtime itself never sends or stores anything. */
export interface OutboundText {
  type: 'text';
  text: string;
  quickReply?: { items: QuickReplyItem[] };
}

export interface QuickReplyItem {
  type: 'action';
  action: { type: 'message'; label: string; text: string } | { type: 'postback'; label: string; data: string; displayText: string };
}

export type FlowAction =
  | { type: 'say'; message: OutboundText }
  /** queue the customer for a human; `onCloseStep` runs when the operator closes */
  | { type: 'handoff'; onCloseStep: string | null };
