/**
 * Scenario 5: flow evaluation. runFlow over the default flow (flows/, loaded and validated as the
 * engine loads it) for a typical customer text, against JSON.parse of the webhook body that carried
 * that text: parsing the body is work every event needs anyway, so the ratio says what the flow adds.
 * In-process: both are pure CPU work, no server is involved.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FlowContext, FlowEvent } from '../../engine/domain/flow/flow-event.ts';
import { runFlow } from '../../engine/domain/flow/run-flow.ts';
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
  const event: FlowEvent = { kind: 'message', messageType: 'text', text };
  const context: FlowContext = { customer: { name: 'Somchai', language: 'th', withHuman: false } };
  const actions = runFlow(loaded.set.entry, event, context);
  if (actions.length === 0) throw new Error(`the default flow does nothing for "${text}": pick a text it answers`);
  const { body } = new LineBodies('secret', 'Ubot').texts([{ userId: 'U4af4980629a1b2c3d4e5f60718293a4b', text }]);

  const evaluations = opsPerSecond(() => runFlow(loaded.set.entry, event, context), ctx.sizes.flow.durationMs);
  const parses = opsPerSecond(() => JSON.parse(body), ctx.sizes.flow.durationMs);
  void sink;
  ctx.figure({
    name: `flow: default flow, "${text.slice(0, 24)}..." -> ${actions.map((a) => a.type).join(', ')}: evaluations/s`,
    unit: 'evals/s',
    value: evaluations,
    baseline: { name: `JSON.parse of the ${body.length}-byte webhook body`, value: parses },
  });
}
