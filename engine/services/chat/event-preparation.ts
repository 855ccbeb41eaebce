/**
 * A stored event as the handler sees it (incoming), and what is settled for it before the batch's transaction
 * (prepareEvents): the flow version it runs on and its customer's LINE profile, when one is to be asked for.
 * Kept out of the transaction because SQLite has one connection and the transaction holds it.
 */
import type { webhook } from '@line/bot-sdk';
import type { FlowEvent } from '../../domain/flow/flow-event.ts';
import type { FlowSet } from '../../domain/flow/flow-set.ts';
import { setForChannel } from '../../domain/flow/set-for-channel.ts';
import { normalizeLineEvent, type InboundEvent } from '../../line/normalize-line-event.ts';
import { channelUserKey, type CustomerProfile, type CustomerRow } from '../../store/repositories/customers.repo.ts';
import type { WebhookEventRow } from '../../store/repositories/webhook-events.repo.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { sessionVersion } from './flow-session.ts';
import { InternalEventType, isInternalEvent } from './internal-events.ts';
import type { ProfileLookup } from './profile-lookup.ts';

/** The event as the runtime sees it, plus the LINE facts the handler needs (absent for internal events). */
export interface Incoming {
  row: WebhookEventRow;
  flowEvent: FlowEvent | null;
  userId: string | null;
  standby: boolean;
  line: InboundEvent | null;
}

/** An event the flow runs for, with what was settled before the transaction. */
export interface Prepared extends Incoming {
  flowEvent: FlowEvent;
  userId: string;
  profile: CustomerProfile | null;
  flowVersion: number;
  flowSet: FlowSet;
}

/** An event the flow runs for: a customer's, not standby, with something for the flow */
export type FlowBound = Incoming & { flowEvent: FlowEvent; userId: string };

export const runsFlow = (event: Incoming): event is FlowBound => !event.standby && event.userId !== null && event.flowEvent !== null;

export interface PreparedEvents {
  /** the events that need no lookup, or whose profile was known at once */
  ready: Prepared[];
  /** those whose customer's profile LINE is being asked for, prepared once it answers (or its wait is up) */
  waiting: { events: Incoming[]; prepared: Promise<Prepared[]> } | null;
}

export interface PreparationDeps {
  store: Store;
  flows: FlowRegistry;
  profiles: ProfileLookup;
}

function lineFlowEvent(event: InboundEvent): FlowEvent | null {
  if (event.message) return { kind: 'message', messageType: event.message.type, text: event.message.text };
  if (event.postback) return { kind: 'postback', data: event.postback.data };
  if (event.type === 'follow') return { kind: 'follow' };
  if (event.type === 'unfollow') return { kind: 'unfollow' };
  if (event.type === 'join') return { kind: 'join' };
  return null;
}

export function incoming(row: WebhookEventRow): Incoming {
  const raw = JSON.parse(row.raw) as { type: string };
  if (isInternalEvent(raw)) {
    const flowEvent: FlowEvent =
      raw.type === InternalEventType.RESUME ? { kind: 'resume' } : { kind: 'queue-timeout', stepId: raw.stepId ?? '' };
    return { row, flowEvent, userId: raw.source.userId, standby: false, line: null };
  }
  const line = normalizeLineEvent(row.id, raw as webhook.Event);
  // a group or room is one customer, keyed by its id (docs/groups.md)
  return { row, flowEvent: lineFlowEvent(line), userId: line.chatId, standby: line.standby, line };
}

/** customers by channelUserKey: one LINE user may be a customer of several channels */
export const byChannelUser = (rows: CustomerRow[]) => new Map(rows.map((c) => [channelUserKey(c.channel_id, c.line_user_id), c]));
export const keyOf = (event: Incoming & { userId: string }) => channelUserKey(event.row.channel_id, event.userId);

/**
 * The flow version each event runs on, and the LINE profiles still to ask for. A profile LINE does not give
 * within the lookup's short wait is left out: the event goes on without the name, and the name is filled in
 * when it comes (services/chat/profile-lookup.ts).
 */
export async function prepareEvents(deps: PreparationDeps, events: FlowBound[]): Promise<PreparedEvents> {
  if (events.length === 0) return { ready: [], waiting: null };
  const { store, flows } = deps;
  const known = byChannelUser(await store.customers.findByLineUserIds(events.map((e) => e.userId)));
  const openBefore = await store.conversations.findOpenByCustomers([...known.values()].map((c) => c.id));
  const active = (await flows.active()).version;
  // a follow, or the account joining a group, may come with a new name
  const wantsProfile = (event: FlowBound) =>
    event.line !== null && event.line.type !== 'unfollow' && (event.line.type === 'follow' || event.line.type === 'join' || !known.get(keyOf(event))?.display_name);
  const profiles = deps.profiles.ask(events.filter(wantsProfile).map((e) => ({ channelId: e.row.channel_id, lineUserId: e.userId })));
  const versioned = await Promise.all(
    events.map(async (event) => {
      const customer = known.get(keyOf(event));
      const flowVersion = sessionVersion(customer, customer ? openBefore.get(customer.id) : undefined, active);
      // the channel's own Flow, or the shared one (docs/flows.md, One Flow per channel)
      return { ...event, flowVersion, flowSet: setForChannel(await flows.version(flowVersion), event.row.channel_id) };
    }),
  );
  const ready = versioned.filter((event) => !profiles.pending.has(keyOf(event))).map((event) => ({ ...event, profile: profiles.now.get(keyOf(event)) ?? null }));
  const { later } = profiles;
  if (!later) return { ready, waiting: null };
  const waiting = versioned.filter((event) => profiles.pending.has(keyOf(event)));
  return { ready, waiting: { events: waiting, prepared: later.then((answered) => waiting.map((event) => ({ ...event, profile: answered.get(keyOf(event)) ?? null }))) } };
}
