/**
 * Holds the plugins of one engine: fans notifications out to every notifier and runs plugin steps,
 * isolating failures (logged, counted, visible at GET /api/plugins) so a broken plugin never breaks
 * a conversation.
 */
import type { Logger } from 'pino';
import { stepKindSchemas } from './built-in-plugins.ts';
import type { BatonPlugin, Notification, StepContext, StepKind } from './plugin-api.ts';

export interface PluginHealth {
  id: string;
  kind: 'notifier' | 'step';
  calls: number;
  failures: number;
  lastError: string | null;
  lastErrorAt: number | null;
}

export class PluginHost {
  private readonly health = new Map<string, PluginHealth>();
  private readonly stepKinds = new Map<string, StepKind>();

  constructor(
    private readonly plugins: BatonPlugin[],
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    for (const plugin of plugins) for (const step of plugin.stepKinds ?? []) this.stepKinds.set(step.kind, step);
  }

  /** Step kinds and their `with` schemas, for the flow validator. */
  stepSchemas(): Map<string, Record<string, unknown>> {
    return stepKindSchemas([...this.stepKinds.values()]);
  }

  async notify(notification: Notification): Promise<void> {
    const notifiers = this.plugins.flatMap((plugin) => plugin.notifiers ?? []);
    await Promise.all(notifiers.map((notifier) => this.guard(`notifier:${notifier.id}`, 'notifier', () => notifier.notify(notification))));
  }

  async runStep(use: string, settings: Record<string, unknown>, context: StepContext): Promise<void> {
    const step = this.stepKinds.get(use);
    if (!step) {
      this.logger.error({ use }, 'flow uses an unknown plugin step');
      return;
    }
    await this.guard(`step:${use}`, 'step', () => step.run(settings, context));
  }

  status(): PluginHealth[] {
    return [...this.health.values()];
  }

  async start(): Promise<void> {
    for (const plugin of this.plugins) await plugin.start?.();
  }

  async stop(): Promise<void> {
    for (const plugin of this.plugins) await plugin.stop?.().catch((error: unknown) => this.logger.warn({ plugin: plugin.name, error: String(error) }, 'plugin stop failed'));
  }

  private async guard(id: string, kind: PluginHealth['kind'], work: () => Promise<void>): Promise<void> {
    const health = this.health.get(id) ?? { id, kind, calls: 0, failures: 0, lastError: null, lastErrorAt: null };
    this.health.set(id, health);
    health.calls += 1;
    try {
      await work();
    } catch (error) {
      health.failures += 1;
      health.lastError = error instanceof Error ? error.message : String(error);
      health.lastErrorAt = this.now();
      this.logger.error({ plugin: id, error: health.lastError }, 'plugin failed; the conversation goes on');
    }
  }
}
