/**
 * The plugin step kinds a command-line validation knows: those of the built-in plugins, whatever
 * their configuration (a notifier's settings change where notifications go, never what a flow may say).
 */
import { pino } from 'pino';
import { builtInPlugins } from '../../plugins/built-in-plugins.ts';

export function builtInStepKinds(): Map<string, object> {
  const plugins = builtInPlugins({ telegram: null, webhook: null }, pino({ level: 'silent' }));
  return new Map(plugins.flatMap((plugin) => plugin.stepKinds ?? []).map((step) => [step.kind, step.schema]));
}
