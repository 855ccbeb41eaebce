/** What happened, as the flow runtime needs to know it (already free of LINE's wire format). */
export type FlowEvent =
  | { kind: 'message'; messageType: string; text: string | null }
  | { kind: 'postback'; data: string }
  | { kind: 'follow' }
  | { kind: 'unfollow' }
  /** an operator closed the handoff conversation; the runtime runs the handoff's onClose step */
  | { kind: 'handoff-closed'; onCloseStep: string | null };

export interface FlowContext {
  customer: { name: string; language: string | null; withHuman: boolean };
}
