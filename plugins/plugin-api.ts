/**
 * The extension API. A plugin may add notifiers (told about handoffs, long waits, plugin steps) and
 * step kinds for flows (`plugin: { use: <kind>, with: {...} }`, validated by the kind's schema).
 * A plugin that fails never breaks a conversation: Baton catches, logs and counts its failures.
 *
 * @example
 * const slack: BatonPlugin = {
 *   name: 'slack',
 *   notifiers: [{ id: 'slack', notify: async (n) => { await fetch(hookUrl, { method: 'POST', body: JSON.stringify({ text: n.text }) }); } }],
 * };
 */

/** Something operators or supervisors should hear about outside the studio. */
export interface Notification {
  type: 'handoff' | 'queue-wait-exceeded' | 'flow-step';
  /** one human-readable line, already rendered */
  text: string;
  at: number;
  conversationId: string | null;
  customer: { id: string; name: string; lineUserId: string };
  /** extra facts per type, e.g. { queue, position, team } */
  details?: Record<string, unknown>;
}

export interface Notifier {
  id: string;
  notify(notification: Notification): Promise<void>;
}

/** What a plugin step can see and do when a flow runs it. */
export interface StepContext {
  customer: { id: string; name: string; lineUserId: string; language: string | null; tags: string[] };
  conversationId: string | null;
  now: number;
  /** renders a Liquid template against the flow's scope */
  render(template: string): string;
  /** tells every notifier */
  notify(notification: Omit<Notification, 'at' | 'customer' | 'conversationId'>): Promise<void>;
}

export interface StepKind {
  /** the name flows use: `plugin: { use: <kind> }` */
  kind: string;
  /** JSON Schema of the step's `with` object, checked when flows are validated */
  schema: Record<string, unknown>;
  run(settings: Record<string, unknown>, context: StepContext): Promise<void>;
}

export interface BatonPlugin {
  name: string;
  notifiers?: Notifier[];
  stepKinds?: StepKind[];
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
