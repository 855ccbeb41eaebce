/** What happened, as the flow runtime needs to know it (already free of LINE's wire format). */
export type FlowEvent =
  | { kind: 'message'; messageType: string; text: string | null }
  | { kind: 'postback'; data: string }
  | { kind: 'follow' }
  | { kind: 'unfollow' }
  /** the account was added to a LINE group or room (docs/groups.md) */
  | { kind: 'join' }
  /** an operator closed the handoff conversation; the runtime runs the handoff's onClose step */
  | { kind: 'handoff-closed'; onCloseStep: string | null }
  /** a wait step's time has come (FlowState.resume) */
  | { kind: 'resume' }
  /** the customer waited longer than the queue's maxWait; run its `then` step */
  | { kind: 'queue-timeout'; stepId: string };

/** The customer as the runtime sees them. */
export interface CustomerFacts {
  id: string;
  name: string;
  language: string | null;
  tags: string[];
  /** queued for or talking to a human operator */
  withHuman: boolean;
  following: boolean;
  /** the LINE channel (Official Account) they write to; absent: the default channel */
  channelId?: string;
}

export interface FlowInput {
  event: FlowEvent;
  customer: CustomerFacts;
  /** epoch ms: the runtime never reads a clock itself */
  now: number;
  /**
   * false: a handoff step does nothing (no greeting, no queue): a group chat whose channel keeps groups with the
   * bot (channels.group_handoff, docs/groups.md). Absent: handoffs work.
   */
  handoffAllowed?: boolean;
}
