import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { DEFAULT_CHANNEL_ID } from '../../../engine/contracts/channels.ts';
import type { FlowProblemDto, FlowSimulateResponse, FlowTestRunResponse, SimulatedInput } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { channels as channelsApi } from '../channels/channels-client.ts';
import { describeError } from '../api/api-error.ts';
import type { FlowFile } from '../flow-diff/file-changes.ts';
import { problemsFromError } from '../flow-problems/problems-from-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { renderLineMessage, type LineMessage } from './line-message.ts';
import { flowSimulatorStyles } from './baton-flow-simulator.styles.ts';
import { draftChannels } from './draft-channels.ts';
import { CLOCK_OFFSETS, DEFAULT_WALL_CLOCK, isoAt } from './simulator-clock.ts';
import { renderFlowTestResults } from './flow-test-results.ts';
import { traceText } from './trace-text.ts';

/** What the customer did, and how their side of the chat shows it (a tapped chip shows its label). */
interface CustomerTurn {
  input: SimulatedInput;
  shown: string;
}

type QuickReplyAction = NonNullable<Extract<LineMessage, { type: 'text' }>['quickReply']>['items'][number]['action'];

/**
 * A chat with the DRAFT flows (not the published ones), beside the editor: a dry run on the engine
 * (POST /api/flows/simulate) that stores nothing and sends nothing to LINE. The admin sets the clock
 * (a wall-clock time at an offset, e.g. Saturday 23:00 in Bangkok) and the customer (name, language,
 * tags) and the LINE channel they write to (that channel's Flow answers: its own or the shared one, and
 * the panel says which), chats or taps the quick replies, and reads under each message what the runtime did: the trigger,
 * each step, each condition's value and each action. The whole conversation re-runs on every turn, so a
 * change to the draft or to the customer shows at once. "Run tests" runs the draft's own `tests:`.
 *
 * `draftFiles` is asked for the files at each run; set `revision` to a new value when the draft changed.
 */
export class BatonFlowSimulator extends LitElement {
  static override styles = [controlStyles, flowSimulatorStyles];
  static override properties = {
    draftFiles: { attribute: false },
    revision: { attribute: false },
    wallClock: { state: true },
    offset: { state: true },
    customerName: { state: true },
    language: { state: true },
    tags: { state: true },
    channel: { state: true },
    channelOptions: { state: true },
    turns: { state: true },
    result: { state: true },
    problems: { state: true },
    error: { state: true },
    simulating: { state: true },
    testing: { state: true },
    tests: { state: true },
  };

  declare draftFiles: () => FlowFile[];
  declare revision: number;
  /** the time of the next input, as datetime-local */
  declare wallClock: string;
  declare offset: string;
  declare customerName: string;
  declare language: string;
  declare tags: string;
  /** the LINE channel the customer writes to */
  declare channel: string;
  /** channels to pick from: the engine's and those the draft's Flows name */
  declare channelOptions: string[];
  declare turns: CustomerTurn[];
  declare result: FlowSimulateResponse | null;
  declare problems: FlowProblemDto[] | null;
  declare error: string | null;
  /** a replay of the conversation is under way (the chat says it is busy; Send still takes the next message) */
  declare simulating: boolean;
  /** the draft's tests are running; a replay meanwhile does not hold them up, nor they it */
  declare testing: boolean;
  declare tests: FlowTestRunResponse['results'] | null;
  #draft = '';
  /** the channels the engine has (GET /api/channels); none when it cannot say */
  #knownChannels: string[] = [];
  /** replays overlap (a draft edit, a customer field, a message): only the latest one's answer is shown */
  #latestRun = 0;

  constructor() {
    super();
    this.draftFiles = () => [];
    this.revision = 0;
    this.wallClock = DEFAULT_WALL_CLOCK;
    this.offset = CLOCK_OFFSETS[0]?.offset ?? '+07:00';
    this.customerName = 'Test Customer';
    this.language = 'en';
    this.tags = '';
    this.channel = DEFAULT_CHANNEL_ID;
    this.channelOptions = [DEFAULT_CHANNEL_ID];
    this.turns = [];
    this.result = null;
    this.problems = null;
    this.error = null;
    this.simulating = false;
    this.testing = false;
    this.tests = null;
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // the channel field is free text: without the list (an older engine, a network hiccup) any id still works
    channelsApi
      .list()
      .then(({ channels }) => {
        this.#knownChannels = channels.map((c) => c.id);
        this.#refreshChannelOptions();
      })
      .catch(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('revision')) this.#refreshChannelOptions();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // the draft changed under a conversation: replay it on the new draft
    if (changed.has('revision') && changed.get('revision') !== undefined && this.turns.length > 0) void this.#run();
  }

  #refreshChannelOptions(): void {
    this.channelOptions = [...new Set([DEFAULT_CHANNEL_ID, ...this.#knownChannels, ...draftChannels(this.draftFiles())])];
  }

  #customer() {
    const tags = this.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
    return { name: this.customerName, language: this.language.trim() === '' ? null : this.language.trim(), tags };
  }

  async #run(): Promise<void> {
    const first = this.turns[0];
    if (!first) {
      this.result = null;
      return;
    }
    const run = ++this.#latestRun;
    this.simulating = true;
    this.error = null;
    try {
      const result = await api.simulateFlows({
        files: this.draftFiles(),
        clock: first.input.at ?? isoAt(this.wallClock, this.offset),
        channel: this.channel.trim() || DEFAULT_CHANNEL_ID,
        customer: this.#customer(),
        inputs: this.turns.map((t) => t.input),
      });
      if (run !== this.#latestRun) return;
      this.result = result;
      this.problems = null;
    } catch (error) {
      if (run !== this.#latestRun) return;
      this.problems = problemsFromError(error);
      this.error = this.problems ? msg('The draft has problems; fix them to simulate.') : describeError(error);
    } finally {
      if (run === this.#latestRun) this.simulating = false;
    }
  }

  #send(input: Omit<SimulatedInput, 'at'>, shown: string): void {
    this.turns = [...this.turns, { input: { ...input, at: isoAt(this.wallClock, this.offset) }, shown }];
    void this.#run();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.#draft.trim();
    if (!text) return;
    this.#draft = '';
    const field = this.renderRoot.querySelector<HTMLInputElement>('[data-testid="sim-input"]');
    if (field) field.value = '';
    this.#send({ text }, text);
  }

  #tap(action: QuickReplyAction): void {
    if (action.type === 'postback') this.#send({ postback: action.data }, action.displayText || action.label);
    else this.#send({ text: action.text }, action.text);
  }

  #restart(): void {
    this.#latestRun += 1; // a replay still under way must not bring the old conversation back
    this.simulating = false;
    this.turns = [];
    this.result = null;
    this.error = null;
    this.problems = null;
  }

  /** a customer field changed: the conversation replays for the new customer */
  #onCustomer(apply: () => void): void {
    apply();
    if (this.turns.length > 0) void this.#run();
  }

  async #runTests(): Promise<void> {
    this.testing = true;
    this.error = null;
    try {
      this.tests = (await api.testFlows({ files: this.draftFiles() })).results;
      this.problems = null;
    } catch (error) {
      this.tests = null;
      this.problems = problemsFromError(error);
      this.error = this.problems ? msg('The draft has problems; fix them to run its tests.') : describeError(error);
    } finally {
      this.testing = false;
    }
  }

  override render() {
    return html`${this.#renderSetup()}
      <div class="chat" data-testid="sim-chat" aria-live="polite" aria-busy=${this.simulating ? 'true' : 'false'}>
        ${this.turns.length === 0 ? html`<p class="muted hint">${msg('Chat as a customer: the draft answers, nothing is stored or sent to LINE.')}</p>` : nothing}
        ${this.turns.map((turn, i) => this.#renderTurn(turn, i))}
        ${this.#renderQuickReplies()}
      </div>
      ${this.error
        ? html`<div class="error" role="alert" data-testid="sim-error">
            ${this.error}
            ${this.problems?.length
              ? html`<ul>${this.problems.map((p) => html`<li>${p.file}:${p.line}:${p.col} ${p.message}</li>`)}</ul>`
              : nothing}
          </div>`
        : nothing}
      <form class="composer" @submit=${this.#onSubmit}>
        <input data-testid="sim-input" placeholder=${msg('Message as the customer')} aria-label=${msg('Message as the customer')} @input=${(e: InputEvent) => (this.#draft = (e.target as HTMLInputElement).value)} />
        <button class="primary" data-testid="sim-send" type="submit">${msg('Send')}</button>
      </form>
      <div class="row">
        <button data-testid="sim-follow" @click=${() => this.#send({ event: 'follow' }, msg('added the account as a friend'))}>${msg('Add friend')}</button>
        <button data-testid="sim-join" title=${msg('A join trigger answers the account being added to a LINE group or room')} @click=${() => this.#send({ event: 'join' }, msg('added the account to a group'))}>${msg('Add to group')}</button>
        <button data-testid="sim-close-chat" title=${msg('The operator closes the human chat')} @click=${() => this.#send({ event: 'handoff-closed' }, msg('the operator closed the chat'))}>${msg('Operator closes')}</button>
        <button data-testid="sim-restart" @click=${this.#restart}>${msg('Restart')}</button>
        <span class="spacer"></span>
        <button data-testid="sim-run-tests" ?disabled=${this.testing} @click=${this.#runTests}>${this.testing ? msg('Running…', { id: 'tests-running', desc: 'the flow tests are running' }) : msg('Run tests')}</button>
      </div>
      ${this.tests ? renderFlowTestResults(this.tests) : nothing}`;
  }

  #renderSetup() {
    return html`<fieldset class="setup">
      <legend>${msg('Clock and customer')}</legend>
      <label>${msg('Time of the next message')}
        <input type="datetime-local" data-testid="sim-clock" .value=${this.wallClock} @change=${(e: Event) => (this.wallClock = (e.target as HTMLInputElement).value || DEFAULT_WALL_CLOCK)} />
      </label>
      <label>${msg('Time zone')}
        <select data-testid="sim-offset" @change=${(e: Event) => (this.offset = (e.target as HTMLSelectElement).value)}>
          ${CLOCK_OFFSETS.map((o) => html`<option value=${o.offset} ?selected=${o.offset === this.offset}>${o.label}</option>`)}
        </select>
      </label>
      <label>${msg('Name')}
        <input data-testid="sim-name" .value=${this.customerName} @change=${(e: Event) => this.#onCustomer(() => (this.customerName = (e.target as HTMLInputElement).value))} />
      </label>
      <label>${msg('Language')}
        <input data-testid="sim-language" size="4" placeholder="en" .value=${this.language} @change=${(e: Event) => this.#onCustomer(() => (this.language = (e.target as HTMLInputElement).value))} />
      </label>
      <label>${msg('Tags')}
        <input data-testid="sim-tags" placeholder="vip, billing" .value=${this.tags} @change=${(e: Event) => this.#onCustomer(() => (this.tags = (e.target as HTMLInputElement).value))} />
      </label>
      <label title=${msg("The LINE channel the customer writes to: its own Flow answers, or the shared one")}>${msg('Channel')}
        <input data-testid="sim-channel" list="sim-channel-options" size="10" .value=${this.channel} @change=${(e: Event) => this.#onCustomer(() => (this.channel = (e.target as HTMLInputElement).value.trim()))} />
        <datalist id="sim-channel-options">${this.channelOptions.map((id) => html`<option value=${id}></option>`)}</datalist>
      </label>
      ${this.result ? this.#renderFlow(this.result.flow) : nothing}
      ${this.result
        ? html`<p class="muted state" data-testid="sim-customer-state">
            ${this.result.customer.withHuman ? msg('With a human (queued or chatting)') : msg('With the bot')}${this.result.customer.tags.length ? msg(str` · tags: ${this.result.customer.tags.join(', ')}`) : ''}
          </p>`
        : nothing}
    </fieldset>`;
  }

  /** which Flow answered: the channel's own, or the shared one */
  #renderFlow(flow: FlowSimulateResponse['flow']) {
    return html`<p class="muted state" data-testid="sim-flow" data-flow=${flow.id}>
      ${flow.shared
        ? msg(str`${flow.channel} runs the shared Flow "${flow.id}" (${flow.file})`, { desc: 'the flow simulator: the LINE channel (an id) has no Flow of its own' })
        : msg(str`${flow.channel} runs its own Flow "${flow.id}" (${flow.file})`, { desc: 'the flow simulator: the LINE channel (an id) has a Flow of its own' })}
    </p>`;
  }

  #renderTurn(turn: CustomerTurn, index: number) {
    const answer = this.result?.turns[index];
    const isEvent = turn.input.event !== undefined;
    return html`<div class="turn" data-testid="sim-turn">
      <div class=${isEvent ? 'system' : 'bubble customer'} data-testid="sim-customer-message">${turn.shown}</div>
      ${answer ? answer.messages.map((m) => renderLineMessage(m)) : nothing}
      ${answer?.error ? html`<div class="error">${answer.error}</div>` : nothing}
      ${answer
        ? html`<details class="trace" ?open=${index === this.turns.length - 1}>
            <summary>${msg('What the flow did')}</summary>
            <ol data-testid="sim-trace">
              ${answer.trace.map((entry) => html`<li data-kind=${entry.kind} class=${entry.kind === 'condition' ? String(entry.value) : ''}>${traceText(entry, this.offset)}</li>`)}
            </ol>
          </details>`
        : nothing}
    </div>`;
  }

  /** LINE shows the chips of the last message only, and hides them once the customer answers */
  #renderQuickReplies() {
    const last = this.result?.turns.at(-1)?.messages.at(-1);
    if (!last || this.result?.turns.length !== this.turns.length || !last.quickReply) return nothing;
    return html`<div class="chips">
      ${last.quickReply.items.map((item) => html`<button class="chip" data-testid="sim-quick-reply" @click=${() => this.#tap(item.action)}>${item.action.label}</button>`)}
    </div>`;
  }
}

customElements.define('baton-flow-simulator', BatonFlowSimulator);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flow-simulator': BatonFlowSimulator;
  }
}
