/** Loading and saving what the flow runtime remembers about a customer, and which version it runs on. */
import type { CustomerFacts } from '../../domain/flow/flow-event.ts';
import { emptyFlowState, type FlowState } from '../../domain/flow/flow-state.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { CustomerRow } from '../../store/repositories/customers.repo.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import type { Store } from '../../store/store.ts';

export function loadFlowState(customer: CustomerRow | undefined): FlowState {
  return customer?.flow_state ? parseJson<FlowState>(customer.flow_state, emptyFlowState()) : emptyFlowState();
}

export function customerFacts(customer: CustomerRow, withHuman: boolean): CustomerFacts {
  return {
    id: customer.id,
    name: customer.display_name ?? '',
    language: customer.language,
    tags: parseJson<string[]>(customer.tags, []),
    withHuman,
    following: Boolean(customer.following),
    channelId: customer.channel_id,
  };
}

/**
 * The version an event runs on: the open conversation's (it started there), else the version of an
 * unfinished bot exchange (a question waiting for its answer, a wait step), else the active one.
 */
export function sessionVersion(customer: CustomerRow | undefined, open: ConversationRow | undefined, activeVersion: number): number {
  if (open?.flow_version) return open.flow_version;
  const state = loadFlowState(customer);
  if (customer?.flow_version && (state.awaiting !== null || state.resume !== null)) return customer.flow_version;
  return activeVersion;
}

/** Stores the customer's flow state and version; a write that would change nothing is skipped. */
export async function saveFlowState(tx: Store, customer: CustomerRow, state: FlowState, version: number): Promise<void> {
  const saved = JSON.stringify(state);
  const resumeAt = state.resume?.at ?? null;
  if (saved === customer.flow_state && version === customer.flow_version && resumeAt === customer.flow_resume_at) return;
  await tx.customers.saveFlowState(customer.id, saved, version, resumeAt);
}
