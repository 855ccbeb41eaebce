/**
 * The compiled flow schemas. allErrors so one run reports every problem; verbose so each error
 * carries the schema and data it is about, which the messages are made from.
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { FlowSetDocument } from '../flow-document.ts';
import { ajvFormats } from './ajv-formats.ts';
import type { KindValidators } from './kind-validators.ts';
import { kindSchemas, sharedSchemas, type DocumentKind } from './schema-catalog.ts';

function withFormats(ajv: Ajv): Ajv {
  for (const [name, format] of Object.entries(ajvFormats)) ajv.addFormat(name, format);
  return ajv;
}

/**
 * How the flow schemas are compiled, here and for the studio's standalone code alike.
 * strictRequired is off: the "exactly one type key" oneOf branches name keys declared beside them.
 */
export const flowAjvOptions: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true };

/** An ajv with the flow formats and every shared schema, ready to compile a kind's schema. */
export function flowAjv(options: Options = {}): Ajv {
  const ajv = withFormats(new Ajv({ ...flowAjvOptions, ...options }));
  ajv.addSchema([...sharedSchemas]);
  return ajv;
}

const ajv = flowAjv();

function compileKind(kind: DocumentKind): ValidateFunction<FlowSetDocument> {
  return ajv.compile<FlowSetDocument>(kindSchemas[kind]);
}

export const kindValidators: KindValidators = {
  Flow: compileKind('Flow'),
  BusinessHours: compileKind('BusinessHours'),
  Queue: compileKind('Queue'),
  RoutingRules: compileKind('RoutingRules'),
  CannedResponses: compileKind('CannedResponses'),
  Survey: compileKind('Survey'),
  AutoClose: compileKind('AutoClose'),
  RichMenu: compileKind('RichMenu'),
};

// Plugin schemas are written by plugin authors: lenient about schema style, same formats.
const pluginAjv = withFormats(new Ajv({ allErrors: true, verbose: true, strict: false }));
const pluginValidators = new WeakMap<object, ValidateFunction | Error>();

/** The validator of a plugin step's `with` schema, or the reason the schema does not compile. */
export function pluginWithValidator(schema: object): ValidateFunction | Error {
  let validator = pluginValidators.get(schema);
  if (!validator) {
    try {
      validator = pluginAjv.compile(schema);
    } catch (error) {
      validator = error instanceof Error ? error : new Error(String(error));
    }
    pluginValidators.set(schema, validator);
  }
  return validator;
}
