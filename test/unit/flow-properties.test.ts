/**
 * Property tests over flow documents (fast-check; a fixed seed under npm test, `npm run fuzz` for long runs):
 * the validator answers any text with located problems and never throws; a valid flow of any shape, loops
 * included, answers any sequence of customer events in a bounded number of actions, so no flow hangs the
 * engine or grows without bound.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import type { FlowEvent } from '../../engine/domain/flow/flow-event.ts';
import { emptyFlowState } from '../../engine/domain/flow/flow-state.ts';
import { runFlowEvent } from '../../engine/domain/flow/runtime/run-flow-event.ts';
import { MAX_STEPS_PER_EVENT } from '../../engine/domain/flow/runtime/run-steps.ts';
import { validateFlowSources } from '../../engine/domain/flow/validation/validate-flow-sources.ts';
import { customer, MONDAY_10_BANGKOK } from '../support/flow-fixtures.ts';
import { fuzzParameters } from '../support/fuzz-settings.ts';

const FILE = 'flows/fuzzed.yaml';

test('property: any text given as a flow file gets problems located at file:line:col, never an exception', () => {
  const sources = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.jsonValue({ maxDepth: 4 }).map((value) => stringify(value)),
    fc.jsonValue({ maxDepth: 3 }).map((value) => stringify({ kind: 'Flow', id: 'support', steps: value, triggers: value })),
  );
  fc.assert(
    fc.property(sources, (source) => {
      const { set, problems } = validateFlowSources([{ file: FILE, source }]);
      if (set === null) assert.ok(problems.length > 0, 'refused with a reason');
      for (const problem of problems) {
        assert.is(problem.file, FILE);
        assert.ok(Number.isInteger(problem.line) && problem.line >= 1, `line ${problem.line}`);
        assert.ok(Number.isInteger(problem.col) && problem.col >= 1, `col ${problem.col}`);
        assert.type(problem.code, 'string');
      }
    }),
    fuzzParameters(300),
  );
});

const WORDS = ['agent', 'hello', 'loop', 'เจ้าหน้าที่', 'vip'];
const CONDITIONS = ['true', 'false', "customer.name != ''", 'customer.tags.exists(t, t == "vip")', "customer.mode == 'HUMAN'"];

/** a flow of `size` steps: says, branches, gotos and ends pointing at any step, cycles welcome */
const flows = fc.integer({ min: 1, max: 8 }).chain((size) => {
  const target = fc.integer({ min: 0, max: size - 1 }).map((i) => `s${i}`);
  const step = fc.oneof(
    fc.record({ say: fc.record({ text: fc.string({ maxLength: 40 }).map((t) => `${t.replace(/[{}%]/g, '')} {{ customer.name }}`) }), next: fc.option(target, { nil: undefined }) }),
    fc.record({ branch: fc.tuple(fc.constantFrom(...CONDITIONS), target, target).map(([condition, then, other]) => [{ if: condition, then }, { else: other }]) }),
    fc.record({ goto: target }),
    fc.constant({ end: {} }),
  );
  const trigger = fc.tuple(fc.constantFrom(...WORDS.keys()), target).map(([word, goto]) => ({ id: `t-${word}`, keyword: { any: [WORDS[word]] }, goto }));
  return fc.record({
    steps: fc.array(step, { minLength: size, maxLength: size }).map((steps) => steps.map((s, i) => JSON.parse(JSON.stringify({ id: `s${i}`, ...s })) as Record<string, unknown>)),
    triggers: fc.uniqueArray(trigger, { maxLength: 4, selector: (t) => t.id }),
  });
});

const events: fc.Arbitrary<FlowEvent> = fc.oneof(
  fc.constantFrom(...WORDS).map((text): FlowEvent => ({ kind: 'message', messageType: 'text', text })),
  fc.string({ maxLength: 30 }).map((text): FlowEvent => ({ kind: 'message', messageType: 'text', text })),
  fc.constant<FlowEvent>({ kind: 'follow' }),
  fc.string({ maxLength: 20 }).map((data): FlowEvent => ({ kind: 'postback', data })),
);

test('property: any valid flow answers any sequence of events in a bounded number of actions (no hang, no unbounded growth)', () => {
  fc.assert(
    fc.property(flows, fc.array(events, { minLength: 1, maxLength: 6 }), fc.boolean(), (flow, sent, vip) => {
      const source = stringify({ kind: 'Flow', id: 'support', triggers: [...flow.triggers, { id: 'any', event: 'message', goto: 's0' }], steps: flow.steps });
      const { set, problems } = validateFlowSources([{ file: FILE, source }]);
      assert.ok(set, `the generated flow is valid: ${problems.map((p) => p.message).join('; ')}`);
      let state = emptyFlowState();
      let now = MONDAY_10_BANGKOK;
      for (const event of sent) {
        const result = runFlowEvent(set, state, { event, customer: customer({ tags: vip ? ['vip'] : [] }), now });
        assert.ok(result.actions.length <= MAX_STEPS_PER_EVENT + 1, `${result.actions.length} actions for one event`);
        state = result.state;
        now += 1_000;
      }
      assert.ok(JSON.stringify(state).length < 10_000, 'the state stays small');
    }),
    fuzzParameters(300),
  );
});

test.run();
