/** Flow sets built in code for runtime tests, a fixed clock, and short ways to run events and read actions. */
import type { FlowAction, FlowResult } from '../../engine/domain/flow/flow-action.ts';
import type {
  BusinessHoursDocument,
  CannedResponse,
  FlowTest,
  QueueDocument,
  RoutingRulesDocument,
  Step,
  SurveyDocument,
  Trigger,
} from '../../engine/domain/flow/flow-document.ts';
import type { CustomerFacts, FlowEvent } from '../../engine/domain/flow/flow-event.ts';
import type { FlowSet } from '../../engine/domain/flow/flow-set.ts';
import { emptyFlowState, type FlowState } from '../../engine/domain/flow/flow-state.ts';
import { runFlowEvent } from '../../engine/domain/flow/runtime/run-flow-event.ts';

export interface FlowSetParts {
  triggers?: Trigger[];
  steps: Step[];
  tests?: FlowTest[];
  calendars?: BusinessHoursDocument[];
  queues?: QueueDocument[];
  routing?: RoutingRulesDocument[];
  canned?: CannedResponse[];
  surveys?: SurveyDocument[];
}

export function flowSet(parts: FlowSetParts): FlowSet {
  const byId = <T extends { id: string }>(docs: T[] | undefined) => new Map((docs ?? []).map((d) => [d.id, d]));
  const shared = { flow: { kind: 'Flow' as const, id: 'test-flow', triggers: parts.triggers ?? [], steps: parts.steps, tests: parts.tests }, file: 'flows/test.flow.yaml' };
  return {
    entry: shared.flow,
    entryFile: shared.file,
    shared,
    channelFlows: new Map(),
    flows: [shared],
    calendars: byId(parts.calendars),
    queues: byId(parts.queues),
    routing: byId(parts.routing),
    canned: byId(parts.canned),
    surveys: byId(parts.surveys),
    autoClose: null,
    richMenus: new Map(),
  };
}

/** Monday 5 January 2026, 10:00 in Bangkok: inside the office calendar's morning period. */
export const MONDAY_10_BANGKOK = Date.parse('2026-01-05T10:00:00+07:00');

export function customer(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return { id: 'c1', name: 'Somchai', language: 'en', tags: [], withHuman: false, following: true, ...overrides };
}

export const text = (value: string): FlowEvent => ({ kind: 'message', messageType: 'text', text: value });
export const postback = (data: string): FlowEvent => ({ kind: 'postback', data });

export interface RunOptions {
  state?: FlowState;
  customer?: Partial<CustomerFacts>;
  now?: number;
}

export function run(set: FlowSet, event: FlowEvent, options: RunOptions = {}): FlowResult {
  return runFlowEvent(set, options.state ?? emptyFlowState(), {
    event,
    customer: customer(options.customer),
    now: options.now ?? MONDAY_10_BANGKOK,
  });
}

/** Runs events one after another, carrying the state, like the chat service does. */
export function conversation(set: FlowSet, options: Omit<RunOptions, 'state'> = {}) {
  let state: FlowState = emptyFlowState();
  let now = options.now ?? MONDAY_10_BANGKOK;
  return {
    send(event: FlowEvent, extra: { afterMs?: number; customer?: RunOptions['customer'] } = {}): FlowResult {
      now += extra.afterMs ?? 0;
      const result = run(set, event, { ...options, customer: { ...options.customer, ...extra.customer }, state, now });
      state = result.state;
      return result;
    },
    get state() {
      return state;
    },
  };
}

/** The texts of the say actions, in order. */
export function said(actions: FlowAction[]): string[] {
  return actions.flatMap((a) => (a.type === 'say' && a.message.type === 'text' ? [a.message.text] : []));
}

export function actionTypes(actions: FlowAction[]): string[] {
  return actions.map((a) => a.type);
}

/** A set whose one trigger runs the first of `steps` on any message. */
export function onAnyMessage(steps: Step[], rest: Omit<FlowSetParts, 'steps' | 'triggers'> = {}): FlowSet {
  const first = steps[0];
  if (!first) throw new Error('no steps');
  return flowSet({ ...rest, triggers: [{ id: 'any', event: 'message', goto: first.id }], steps });
}

export const officeCalendar: BusinessHoursDocument = {
  kind: 'BusinessHours',
  id: 'office',
  timezone: 'Asia/Bangkok',
  weekly: {
    mon: ['09:00-12:00', '13:00-18:00'],
    tue: ['09:00-12:00', '13:00-18:00'],
    wed: ['09:00-12:00', '13:00-18:00'],
    thu: ['09:00-12:00', '13:00-18:00'],
    fri: ['09:00-12:00', '13:00-18:00'],
    sat: ['10:00-14:00'],
  },
  holidays: [{ date: '2026-04-13', name: 'Songkran' }],
};
