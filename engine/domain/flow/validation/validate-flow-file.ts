/**
 * The one validator used by the engine at start-up, the CLI and the studio: YAML syntax, the JSON
 * Schema, then references and templates. Problems carry file:line:col and a stable code.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import flowSchema from '../../../../schemas/flow.json' with { type: 'json' };
import type { FlowDocument } from '../flow-document.ts';
import { checkTemplate } from '../expression/template.ts';
import { didYouMean } from './did-you-mean.ts';
import type { FlowProblem } from './flow-problem.ts';
import { YamlLocator } from './yaml-locator.ts';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validateFlowSchema = ajv.compile<FlowDocument>(flowSchema);

export interface FlowFileResult {
  flow: FlowDocument | null;
  problems: FlowProblem[];
}

/** Schema errors worth showing: the deepest ones; "oneOf failed" umbrellas only when nothing more precise exists. */
function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  const umbrella = new Set(['oneOf', 'anyOf', 'if']);
  const precise = errors.filter((e) => !umbrella.has(e.keyword));
  const chosen = precise.length > 0 ? precise : errors;
  const seen = new Set<string>();
  return chosen
    .sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)
    .filter((e) => {
      const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function schemaProblem(file: string, locator: YamlLocator, error: ErrorObject): FlowProblem {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty);
    const pointer = `${error.instancePath}/${name}`;
    const known = Object.keys(propertiesAt(error.parentSchema));
    return { file, ...locator.locate(pointer, true), pointer, code: 'schema-unknown-key', message: `unknown key "${name}"${didYouMean(name, known)}` };
  }
  if (error.keyword === 'required') {
    return { file, ...locator.locate(error.instancePath), pointer: error.instancePath, code: 'schema-required', message: `missing required key "${String(params.missingProperty)}"` };
  }
  return { file, ...locator.locate(error.instancePath), pointer: error.instancePath, code: `schema-${error.keyword}`, message: error.message ?? 'invalid' };
}

function propertiesAt(schema: unknown): Record<string, unknown> {
  if (typeof schema === 'object' && schema !== null && 'properties' in schema) {
    return (schema as { properties: Record<string, unknown> }).properties;
  }
  return {};
}

function referenceProblems(file: string, flow: FlowDocument, locator: YamlLocator): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const stepIds = new Set<string>();
  flow.steps.forEach((step, i) => {
    if (stepIds.has(step.id)) {
      const pointer = `/steps/${i}/id`;
      problems.push({ file, ...locator.locate(pointer), pointer, code: 'duplicate-id', message: `step id "${step.id}" is used twice` });
    }
    stepIds.add(step.id);
  });
  const check = (target: string | undefined, pointer: string) => {
    if (target === undefined || stepIds.has(target)) return;
    problems.push({ file, ...locator.locate(pointer), pointer, code: 'unknown-step', message: `no step "${target}"${didYouMean(target, stepIds)}` });
  };
  flow.triggers.forEach((trigger, i) => check(trigger.goto, `/triggers/${i}/goto`));
  flow.steps.forEach((step, i) => {
    check(typeof step.next === 'string' ? step.next : undefined, `/steps/${i}/next`);
    check(step.handoff?.onClose, `/steps/${i}/handoff/onClose`);
    const templates: [string | undefined, string][] = [
      [step.say?.text, `/steps/${i}/say/text`],
      [step.handoff?.greeting, `/steps/${i}/handoff/greeting`],
    ];
    for (const [source, pointer] of templates) {
      if (source === undefined) continue;
      try {
        checkTemplate(source);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        problems.push({ file, ...locator.locate(pointer), pointer, code: 'template-syntax', message: `template does not parse: ${reason}` });
      }
    }
  });
  return problems;
}

export function validateFlowFile(file: string, source: string): FlowFileResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error): FlowProblem => {
      const { line, col } = lines.linePos(error.pos[0]);
      return { file, line, col, pointer: '', code: 'yaml-syntax', message: error.message.split('\n')[0] ?? 'YAML syntax error' };
    });
    return { flow: null, problems };
  }
  const locator = new YamlLocator(doc, lines);
  const value: unknown = doc.toJS();
  if (!validateFlowSchema(value)) {
    return { flow: null, problems: mostSpecific(validateFlowSchema.errors ?? []).map((e) => schemaProblem(file, locator, e)) };
  }
  const flow = value;
  const problems = referenceProblems(file, flow, locator);
  return { flow: problems.length === 0 ? flow : null, problems };
}
