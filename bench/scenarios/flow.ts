/**
 * Scenario 5: flow evaluation. runFlowEvent over the default flow (flows/, loaded and validated as the
 * engine loads it) for a typical customer text, against JSON.parse of the webhook body that carried
 * that text: parsing the body is work every event needs anyway, so the ratio says what the flow adds.
 * In-process: both are pure CPU work, no server is involved.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FlowInput } from '../../engine/domain/flow/flow-event.ts';
import { emptyFlowState } from '../../engine/domain/flow/flow-state.ts';
import { runFlowEvent } from '../../engine/domain/flow/runtime/run-flow-event.ts';
import { readFlowSources, validateFlowSet } from '../../engine/services/flows/flow-set.ts';
import { repoRoot } from '../lib/child-process.ts';
import { LineBodies, TYPICAL_TEXTS } from '../lib/line-bodies.ts';
import type { ScenarioContext } from '../lib/scenario.ts';

let sink: unknown;

/** operations per second of fn, run in batches for at least durationMs after a short warm-up */
function opsPerSecond(fn: () => unknown, durationMs: number): number {
  for (let i = 0; i < 1_000; i++) sink = fn();
  let n = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 100; i++) sink = fn();
    n += 100;
    elapsed = performance.now() - started;
  } while (elapsed < durationMs);
  return n / (elapsed / 1000);
}

export async function flow(ctx: ScenarioContext): Promise<void> {
  const loaded = validateFlowSet(await readFlowSources(path.join(repoRoot, 'flows')));
  if (!loaded.ok) throw new Error(`the default flows do not validate: ${loaded.problems.map((p) => p.message).join('; ')}`);
  const text = TYPICAL_TEXTS[0] ?? 'hi';
  const input: FlowInput = {
    event: { kind: 'message', messageType: 'text', text },
    customer: { id: 'c1', name: 'Somchai', language: 'th', tags: [], withHuman: false, following: true },
    now: Date.parse('2026-01-05T10:00:00+07:00'),
  };
  const state = emptyFlowState();
  const { actions } = runFlowEvent(loaded.set, state, input);
  if (actions.length === 0) throw new Error(`the default flow does nothing for "${text}": pick a text it answers`);
  const { body } = new LineBodies('secret', 'Ubot').texts([{ userId: 'U4af4980629a1b2c3d4e5f60718293a4b', text }]);

  const evaluations = opsPerSecond(() => runFlowEvent(loaded.set, state, input), ctx.sizes.flow.durationMs);
  const parses = opsPerSecond(() => JSON.parse(body), ctx.sizes.flow.durationMs);
  void sink;
  ctx.figure({
    name: `flow: default flow, "${text.slice(0, 24)}..." -> ${actions.map((a) => a.type).join(', ')}: evaluations/s`,
    unit: 'evals/s',
    value: evaluations,
    baseline: { name: `JSON.parse of the ${body.length}-byte webhook body`, value: parses },
  });
}
