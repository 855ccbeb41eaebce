/**
 * One Flow per LINE channel, or one shared by all (docs/flows.md, One Flow per channel): the set as a
 * channel runs it is the same set with `entry` set to the channel's own Flow, or to the shared Flow when
 * the channel has none. Everything else of the set (calendars, queues, canned responses, menus) is shared,
 * and every reader of `set.entry` (the runtime, steps, rich menus) works unchanged.
 *
 * @example
 * const set = setForChannel(await flows.version(version), customer.channel_id);
 * runFlowEvent(set, state, input); // the shop-th customer's event runs the Flow with `channels: [shop-th]`
 */
import type { FlowSet, SetFlow } from './flow-set.ts';

/**
 * The views made so far, per validated set (its channelFlows map is shared by all of its views) and Flow.
 * The bot path asks once per event: after the first time, two map lookups. The same view each time also
 * keeps the runtime's own per-set caches (the step index) warm.
 */
const views = new WeakMap<FlowSet['channelFlows'], Map<SetFlow['flow'], FlowSet>>();

export function setForChannel(set: FlowSet, channelId: string): FlowSet {
  return setForFlow(set, set.channelFlows.get(channelId) ?? set.shared);
}

/** The set running one of its Flows (`set.flows`), e.g. for that Flow's own tests. */
export function setForFlow(set: FlowSet, wanted: SetFlow): FlowSet {
  if (wanted.flow === set.entry) return set;
  let made = views.get(set.channelFlows);
  if (!made) {
    made = new Map();
    views.set(set.channelFlows, made);
  }
  // the set asked from is a view too: a way back to its Flow gives this very object
  if (!made.has(set.entry)) made.set(set.entry, set);
  let view = made.get(wanted.flow);
  if (!view) {
    view = { ...set, entry: wanted.flow, entryFile: wanted.file };
    made.set(wanted.flow, view);
  }
  return view;
}
