/**
 * The studio's simulator: a conversation with a flow set that was never published (a draft), on the real
 * runtime and the flow tests' session (fake clock, timers, tags, handoffs as a service would apply them),
 * with no side effects: nothing is stored and nothing reaches LINE. The studio replays the whole
 * conversation on each turn, so the engine keeps no simulator state and an edited draft re-runs as is.
 *
 * @example
 * simulateConversation(set, {
 *   clock: '2026-01-10T23:00:00+07:00',          // a Saturday night in Bangkok
 *   channel: 'shop-th',                          // the customer writes to this LINE channel: its Flow answers
 *   customer: { name: 'Mali', language: 'th', tags: ['vip'] },
 *   inputs: [{ text: 'agent' }],
 * }); // turns[0].messages: the after-hours notice; turns[0].trace: trigger human, step to-human, hours closed…
 */
import type { FlowTestInput } from '../flow-document.ts';
import type { OutboundMessage } from '../flow-action.ts';
import { DEFAULT_CHANNEL_ID } from '../../../contracts/channels.ts';
import type { FlowSet } from '../flow-set.ts';
import { setForChannel } from '../set-for-channel.ts';
import { FlowTrace, type FlowTraceEntry } from '../runtime/flow-trace.ts';
import { FlowTestSession } from '../testing/flow-test-session.ts';
import { DEFAULT_TEST_CUSTOMER } from '../testing/run-flow-tests.ts';

/** One thing the simulated customer does, at `at` (ISO date-time with offset; default: the previous input's time). */
export interface SimulatedInput {
  at?: string;
  text?: string;
  postback?: string;
  event?: 'follow' | 'unfollow' | 'join' | 'handoff-closed';
}

export interface SimulationRequest {
  /** ISO date-time with offset: when the conversation starts */
  clock: string;
  /** the LINE channel the customer writes to (default: `default`): that channel's Flow answers */
  channel?: string;
  customer?: { name?: string; language?: string | null; tags?: string[] };
  inputs: SimulatedInput[];
}

export interface SimulatedTurn {
  /** epoch ms the input happened at */
  at: number;
  /** what the bot sent, as LINE message objects (text with quick replies, image, flex) */
  messages: OutboundMessage[];
  /** the runtime's reasoning for this input, timers that came due before it included */
  trace: FlowTraceEntry[];
  /** the flow failed on this input (a bug or a loop); later inputs were not run */
  error: string | null;
}

export interface SimulationResult {
  /** the Flow that answered: the channel's own, or the shared one */
  flow: { id: string; file: string; channel: string; shared: boolean };
  turns: SimulatedTurn[];
  /** the customer after the last input, as the flow left them */
  customer: { tags: string[]; withHuman: boolean };
}

/** A request the simulator cannot run: a bad clock, or time going backwards. */
export class SimulationInputError extends Error {}

function parseTime(text: string, what: string): number {
  const at = Date.parse(text);
  // a time without an offset would be read in the server's zone: refuse rather than guess
  if (Number.isNaN(at) || !/(Z|[+-]\d\d:?\d\d)$/i.test(text)) throw new SimulationInputError(`${what} "${text}" is not an ISO date-time with an offset, e.g. 2026-01-10T23:00:00+07:00`);
  return at;
}

export function simulateConversation(draft: FlowSet, request: SimulationRequest): SimulationResult {
  let now = parseTime(request.clock, 'clock');
  const channel = request.channel ?? DEFAULT_CHANNEL_ID;
  const set = setForChannel(draft, channel);
  const trace = new FlowTrace();
  const customer = {
    id: 'simulated-customer',
    name: request.customer?.name ?? DEFAULT_TEST_CUSTOMER.name,
    language: request.customer?.language ?? DEFAULT_TEST_CUSTOMER.language,
    tags: [...(request.customer?.tags ?? [])],
    withHuman: false,
    following: true,
    channelId: channel,
  };
  const session = new FlowTestSession(set, now, customer, trace);
  const turns: SimulatedTurn[] = [];
  for (const [index, input] of request.inputs.entries()) {
    const at = input.at === undefined ? now : parseTime(input.at, `input ${index + 1}'s time`);
    if (at < now) throw new SimulationInputError(`input ${index + 1} is at ${input.at ?? ''}, before the input ahead of it: the simulator's clock only moves forward`);
    const traced = trace.entries.length;
    const acted = session.actions.length;
    const step: FlowTestInput = { after: `${at - now}ms` };
    if (input.text !== undefined) step.text = input.text;
    if (input.postback !== undefined) step.postback = input.postback;
    if (input.event !== undefined) step.event = input.event;
    let error: string | null = null;
    try {
      session.send(step);
    } catch (failure) {
      error = `the flow failed: ${failure instanceof Error ? failure.message : String(failure)}`;
    }
    now = at;
    const messages = session.actions.slice(acted).flatMap((action) => (action.type === 'say' ? [action.message] : []));
    turns.push({ at, messages, trace: trace.entries.slice(traced), error });
    if (error) break;
  }
  const flow = { id: set.entry.id, file: set.entryFile, channel, shared: set.entry === set.shared.flow };
  return { flow, turns, customer: { tags: [...customer.tags], withHuman: customer.withHuman } };
}
