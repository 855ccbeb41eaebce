/** The plugins Baton ships, switched on by configuration. */
import type { Logger } from 'pino';
import { consoleNotifier } from './notifiers/console-notifier.ts';
import { telegramNotifier } from './notifiers/telegram-notifier.ts';
import { webhookNotifier } from './notifiers/webhook-notifier.ts';
import type { BatonPlugin, Notifier, StepKind } from './plugin-api.ts';
import { notifyStep } from './steps/notify-step.ts';

export interface BuiltInPluginSettings {
  telegram: { botToken: string; chatId: string; apiBaseUrl: string } | null;
  webhook: { url: string; secret: string | null } | null;
}

/** Step kinds every engine has, whatever is configured (the CLI validates flows against these). */
export const builtInStepKinds = [notifyStep];

/** Step kinds as the flow validator takes them: kind -> JSON Schema of `with`. */
export function stepKindSchemas(kinds: readonly StepKind[]): Map<string, Record<string, unknown>> {
  return new Map(kinds.map((kind) => [kind.kind, kind.schema]));
}

export function builtInPlugins(settings: BuiltInPluginSettings, logger: Logger): BatonPlugin[] {
  const notifiers: Notifier[] = [consoleNotifier(logger)];
  if (settings.telegram) notifiers.push(telegramNotifier(settings.telegram));
  if (settings.webhook) notifiers.push(webhookNotifier({ url: settings.webhook.url, ...(settings.webhook.secret ? { secret: settings.webhook.secret } : {}) }));
  return [{ name: 'built-in', notifiers, stepKinds: builtInStepKinds }];
}
