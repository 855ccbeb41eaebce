/**
 * Vite plugin: `import { kindValidators } from 'virtual:flow-kind-validators'` gives the studio the
 * flow kinds' validators as plain code, written at build time from schemas/ (see
 * engine/domain/flow/validation/standalone-kind-validators.ts for why). After changing a schema,
 * restart `vite dev`; a build always writes them afresh.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { standaloneKindValidatorsModule } from '../../engine/domain/flow/validation/standalone-kind-validators.ts';

const MODULE_ID = 'virtual:flow-kind-validators';
const RESOLVED_ID = `\0${MODULE_ID}`;

export function flowKindValidators(): Plugin {
  const formatsModule = fileURLToPath(new URL('../../engine/domain/flow/validation/ajv-formats.ts', import.meta.url));
  return {
    name: 'baton-flow-kind-validators',
    resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : null),
    load: (id) => (id === RESOLVED_ID ? standaloneKindValidatorsModule(formatsModule) : null),
  };
}
