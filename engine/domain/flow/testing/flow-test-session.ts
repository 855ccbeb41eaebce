/**
 * One flow test's world: a fake clock, a simulated customer and the timers a service would keep
 * (wait-step wake-ups, the queue's max wait). Inputs go through the real runtime; the actions come
 * back as the service would apply them: tags change the customer, a handoff puts them with a human
 * until `event: handoff-closed`, a release hands them back.
 */
import type { FlowAction } from '../flow-action.ts';
import type { FlowTestInput } from '../flow-document.ts';
import type { CustomerFacts, FlowEvent } from '../flow-event.ts';
import type { FlowSet } from '../flow-set.ts';
import { emptyFlowState, type FlowState } from '../flow-state.ts';
import type { FlowTrace } from '../runtime/flow-trace.ts';
import { runFlowEvent } from '../runtime/run-flow-event.ts';
import { maxWaitExceeded } from '../../queue/max-wait.ts';
import { parseDuration } from './parse-duration.ts';

interface Queued {
  at: number;
  queue: string | null;
  onCloseStep: string | null;
  timedOut: boolean;
}

export class FlowTestSession {
  readonly actions: FlowAction[] = [];
  private state: FlowState = emptyFlowState();
  private queued: Queued | null = null;

  constructor(
    private readonly set: FlowSet,
    private now: number,
    private readonly customer: CustomerFacts,
    /** the studio simulator's trace of every event delivered; null for `baton test` */
    private readonly trace: FlowTrace | null = null,
  ) {}

  /** Moves the clock (by the input's `after`), fires due timers, then delivers the input's event. */
  send(input: FlowTestInput): void {
    if (input.after !== undefined) this.now += parseDuration(input.after);
    this.fireDueTimers();
    const event = this.eventOf(input);
    if (event) this.deliver(event, this.now);
  }

  private eventOf(input: FlowTestInput): FlowEvent | null {
    if (input.text !== undefined) return { kind: 'message', messageType: 'text', text: input.text };
    if (input.postback !== undefined) return { kind: 'postback', data: input.postback };
    if (input.event === 'handoff-closed') {
      const onCloseStep = this.queued?.onCloseStep ?? null;
      this.queued = null;
      this.customer.withHuman = false;
      return { kind: 'handoff-closed', onCloseStep };
    }
    if (input.event === 'join') return { kind: 'join' }; // a group or room: following is a person's, it stays as it was
    if (input.event !== undefined) {
      this.customer.following = input.event === 'follow';
      return { kind: input.event };
    }
    return null; // only `after`: the clock moved, timers fired
  }

  /** Timers due by now, earliest first, each delivered at its own due time (as a scheduler would). */
  private fireDueTimers(): void {
    for (;;) {
      const resumeAt = this.state.resume && this.state.resume.at <= this.now ? this.state.resume.at : null;
      const timeout = this.dueQueueTimeout();
      if (resumeAt === null && timeout === null) return;
      if (timeout !== null && (resumeAt === null || timeout.at <= resumeAt)) {
        if (this.queued) this.queued.timedOut = true;
        this.deliver({ kind: 'queue-timeout', stepId: timeout.stepId }, timeout.at);
      } else if (resumeAt !== null) {
        this.deliver({ kind: 'resume' }, resumeAt);
      }
    }
  }

  private dueQueueTimeout(): { at: number; stepId: string } | null {
    const queued = this.queued;
    if (!queued || queued.timedOut || queued.queue === null) return null;
    const queue = this.set.queues.get(queued.queue);
    if (!queue?.maxWait || !maxWaitExceeded(queued.at, this.now, queue)) return null;
    return { at: queued.at + queue.maxWait.minutes * 60_000, stepId: queue.maxWait.then };
  }

  private deliver(event: FlowEvent, at: number): void {
    this.trace?.event(event, at);
    const result = runFlowEvent(this.set, this.state, { event, customer: { ...this.customer, tags: [...this.customer.tags] }, now: at }, this.trace);
    this.trace?.actions(result.actions);
    this.state = result.state;
    for (const action of result.actions) {
      this.actions.push(action);
      this.apply(action, at);
    }
  }

  private apply(action: FlowAction, at: number): void {
    if (action.type === 'tag') {
      const tags = new Set(this.customer.tags);
      action.remove.forEach((t) => tags.delete(t));
      action.add.forEach((t) => tags.add(t));
      this.customer.tags = [...tags];
    } else if (action.type === 'handoff') {
      this.customer.withHuman = true;
      this.queued = { at, queue: action.queue, onCloseStep: action.onCloseStep, timedOut: false };
    } else if (action.type === 'release') {
      this.customer.withHuman = false;
      this.queued = null;
    }
  }
}
