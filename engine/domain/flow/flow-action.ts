import type { FlowState } from './flow-state.ts';

/** What the runtime decided. Services apply actions; the runtime itself never sends or stores anything. */
export interface QuickReplyItem {
  type: 'action';
  action: { type: 'message'; label: string; text: string } | { type: 'postback'; label: string; data: string; displayText: string };
}

type QuickReplyPart = { quickReply?: { items: QuickReplyItem[] } };

/** A LINE message object the runtime can produce. */
export type OutboundMessage =
  | ({ type: 'text'; text: string } & QuickReplyPart)
  | ({ type: 'image'; originalContentUrl: string; previewImageUrl: string } & QuickReplyPart)
  | ({ type: 'flex'; altText: string; contents: Record<string, unknown> } & QuickReplyPart)
  /** only operators send stickers (the composer's picker); flows do not */
  | ({ type: 'sticker'; packageId: string; stickerId: string } & QuickReplyPart);


export interface RoutingDecision {
  /** RoutingRules id used, or null when the set has none */
  rules: string | null;
  team: string | null;
  skills: string[];
  priority: number;
  strategy: 'round-robin' | 'least-busy';
}

export type FlowAction =
  /** `canned` names the canned response the text came from (flow tests match on it) */
  | { type: 'say'; message: OutboundMessage; canned?: string }
  /** queue the customer for a human */
  /** `reopenWithinMs`: a customer writing this soon after the close comes back to the same conversation */
  | { type: 'handoff'; queue: string | null; routing: RoutingDecision; onCloseStep: string | null; reopenWithinMs?: number }
  /** end the human chat and hand the customer back to the bot */
  | { type: 'release' }
  | { type: 'tag'; add: string[]; remove: string[] }
  /** a survey question went out */
  | { type: 'survey'; surveyId: string }
  /** a survey answer to record on the customer's last closed conversation */
  | { type: 'csat'; surveyId: string; score: number; comment: string | null }
  /** a plugin step to run (side effects happen in the service, never in the runtime) */
  | { type: 'plugin'; use: string; with: Record<string, unknown> }
  /** a wait step: wake the runtime at `at` with a resume event */
  | { type: 'schedule'; at: number };

export interface FlowResult {
  actions: FlowAction[];
  state: FlowState;
}
