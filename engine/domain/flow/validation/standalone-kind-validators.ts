/**
 * The kinds' validators as the source of an ES module, for the studio: its build writes the
 * schemas out as plain functions (ajv's standalone code), because the page's Content-Security-Policy
 * forbids compiling them in the browser. Same schemas, same options, same formats as the validators
 * the engine compiles at start-up, so the editor reports what `baton validate` reports.
 *
 * Build-time only (it runs ajv's compiler); the module it writes needs no compiler.
 */
import { _ } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { flowAjv } from './flow-schemas.ts';
import { documentKinds, kindSchemas } from './schema-catalog.ts';

/**
 * @param formatsModule how the written module imports ajv-formats.ts (a path or URL the bundler resolves)
 * @example
 * const code = standaloneKindValidatorsModule('/abs/engine/domain/flow/validation/ajv-formats.ts');
 * // export const kindValidators = { Flow, BusinessHours, ... }
 */
export function standaloneKindValidatorsModule(formatsModule: string): string {
  const ajv = flowAjv({ code: { source: true, esm: true, formats: _`formats` } });
  const refs: Record<string, string> = {};
  for (const [kind, schema] of Object.entries(kindSchemas)) {
    refs[kind] = `kind:${kind}`;
    ajv.addSchema(schema, refs[kind]);
  }
  // a CommonJS module whose export is also its own `default`: that reads the same under every interop
  const code = standalone.default(ajv, refs);
  // the generated code requires ajv's runtime helpers (CommonJS); as imports they bundle for the browser
  const imports: string[] = [`import { ajvFormats as formats } from ${JSON.stringify(formatsModule)};`];
  const esm = code.replace(/require\("([^"]+)"\)\.default/g, (_match: string, module: string) => {
    const name = `runtime${imports.length}`;
    imports.push(`import * as ${name}Module from ${JSON.stringify(`${module}.js`)};`, `const ${name} = ${name}Module.default?.default ?? ${name}Module.default;`);
    return name;
  });
  if (/\brequire\(/.test(esm)) throw new Error('the standalone flow validators still require a module the browser cannot load');
  return `${imports.join('\n')}\n${esm.replace(/^"use strict";/, '')}\nexport const kindValidators = { ${documentKinds.join(', ')} };\n`;
}

