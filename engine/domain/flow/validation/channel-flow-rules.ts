/**
 * The Flows of a set and the LINE channels they answer (docs/flows.md, One Flow per channel): exactly one
 * shared Flow, without `channels`, for every channel without a Flow of its own; a channel named by at most
 * one Flow; each Flow id once (tests and the simulator's trace name Flows by id). Which channels exist is
 * not known here (they live in the store): a channel id is checked for its shape only, by the schema.
 */
import type { FlowDocument } from '../flow-document.ts';
import type { FlowProblem } from './flow-problem.ts';
import { pointer } from './json-pointer.ts';
import { positionOf, problemAt, type LocatedDocument } from './located-document.ts';

type LocatedFlow = LocatedDocument<FlowDocument>;

/** The Flow without `channels` (the first one, when a broken set has several). */
export function sharedFlowOf<F extends { document: FlowDocument }>(flows: readonly F[]): F | undefined {
  return flows.find((flow) => flow.document.channels === undefined);
}

export function flowChannelProblems(flows: readonly LocatedFlow[]): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const ids = new Map<string, LocatedFlow>();
  const claimed = new Map<string, { flow: LocatedFlow; at: string }>();
  let shared: LocatedFlow | undefined;
  for (const flow of flows) {
    const { id, channels } = flow.document;
    const sameId = ids.get(id);
    if (sameId) problems.push(problemAt(flow, '/id', 'duplicate-id', `Flow "${id}" is already defined at ${positionOf(sameId, '/id')}`));
    else ids.set(id, flow);
    if (channels === undefined) {
      if (shared) {
        problems.push(problemAt(flow, '/kind', 'second-flow', `a flow set has one shared Flow (without \`channels\`); the first is at ${positionOf(shared, '/kind')}; to answer some channels only, give this one \`channels: [...]\``));
      } else {
        shared = flow;
      }
      continue;
    }
    channels.forEach((channel, i) => {
      const at = pointer('channels', i);
      const first = claimed.get(channel);
      if (!first) claimed.set(channel, { flow, at });
      else problems.push(problemAt(flow, at, 'duplicate-channel', `channel "${channel}" already runs Flow "${first.flow.document.id}" (${positionOf(first.flow, first.at)}); a channel runs one Flow: name it in only one of them`));
    });
  }
  const first = flows[0];
  if (first && !shared) {
    problems.push(problemAt(first, '/channels', 'no-shared-flow', 'every Flow names `channels`: one Flow without `channels` must answer the other channels (the default one too); remove `channels` from the Flow meant for all', true));
  }
  return problems;
}
