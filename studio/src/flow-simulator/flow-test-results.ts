/**
 * The simulator's "Run tests" answer: how many of the draft's tests pass, each test with its failure; in a
 * draft with several Flows (one per LINE channel) each test also says `[channel → Flow that answered]`.
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { FlowTestRunResponse } from '../../../engine/contracts/rest.ts';

export function renderFlowTestResults(results: FlowTestRunResponse['results']) {
  const passed = results.filter((r) => r.passed).length;
  // with one Flow every test ran it: the channel says nothing
  const severalFlows = new Set(results.map((r) => r.flow)).size > 1 || results.some((r) => r.ranFlow !== r.flow);
  return html`<section class="tests" aria-label=${msg('Flow tests')}>
    <p data-testid="sim-tests-summary">${results.length === 0 ? msg('0 of 0 tests pass (the flow has no tests:)') : msg(str`${passed} of ${results.length} tests pass`)}</p>
    <ul>
      ${results.map(
        (r) => html`<li data-testid="sim-test" data-passed=${r.passed ? 'true' : 'false'} class=${r.passed ? 'pass' : 'fail'}>
          <span>${r.passed ? '✓' : '✗'} ${r.name}${severalFlows ? html` <span class="muted" data-testid="sim-test-flow">[${r.channel} → ${r.ranFlow}]</span>` : nothing}</span>
          ${r.failure ? html`<span class="failure">${r.failure}</span>` : nothing}
        </li>`,
      )}
    </ul>
  </section>`;
}
