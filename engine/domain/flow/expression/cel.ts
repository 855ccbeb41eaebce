/**
 * CEL conditions (@marcbachmann/cel-js): parsed and type-checked against the variables a flow can
 * see when the flow is validated, evaluated without any JavaScript eval at run time.
 */
import { Environment, type ParseResult } from '@marcbachmann/cel-js';

/**
 * Every variable a CEL condition may use. Templates see the same names.
 * - customer: who is writing; tags and language come from the store and the LINE profile
 * - message: the current text message ("" when the event is not a text)
 * - postback: the current postback ("" when none)
 * - vars: values collected by ask steps, set steps and regex triggers (vars.match[0..n])
 * - hours: the last hours step's answer (open, holiday, nextOpen as display text)
 * - channel: the LINE channel (Official Account) the customer writes to, by id (`default`, `shop-th`)
 * - answer: inside an ask step's validate.cel, the customer's answer
 */
export const celEnvironment = new Environment({ homogeneousAggregateLiterals: false })
  .registerVariable({
    name: 'customer',
    schema: { id: 'string', name: 'string', language: 'string', tags: 'list<string>', mode: 'string', following: 'bool' },
  })
  .registerVariable({ name: 'message', schema: { text: 'string', type: 'string' } })
  .registerVariable({ name: 'postback', schema: { data: 'string' } })
  .registerVariable('vars', 'map<string, dyn>')
  .registerVariable({ name: 'hours', schema: { open: 'bool', holiday: 'bool', nextOpen: 'string' } })
  .registerVariable({ name: 'channel', schema: { id: 'string' } })
  .registerVariable('answer', 'string');

export type CompiledCel = ParseResult;

/** What is wrong, as the validator's stable problem codes name it. */
export type CelErrorCode = 'cel-syntax' | 'cel-type' | 'cel-not-bool';

export class CelError extends Error {
  constructor(
    message: string,
    /** character offset in the expression where the problem is */
    readonly offset: number,
    readonly code: CelErrorCode = 'cel-syntax',
  ) {
    super(message);
    this.name = 'CelError';
  }
}

// The result type is cached with the program: the same text may be a set-step value (any type) and a
// condition (bool), and a cache hit must not skip the bool check.
const compiled = new Map<string, { program: CompiledCel; type: string }>();

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function offsetOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'node' in error) {
    const node: unknown = error.node;
    if (typeof node === 'object' && node !== null && 'pos' in node && typeof node.pos === 'number') return node.pos;
  }
  return 0;
}

/** Parses and type-checks; the expression must give a bool when `expectBool`. Throws CelError. */
export function compileCel(source: string, expectBool = true): CompiledCel {
  let entry = compiled.get(source);
  if (!entry) {
    let program: CompiledCel;
    try {
      program = celEnvironment.parse(source);
    } catch (error) {
      throw new CelError(`CEL syntax: ${firstLine(error instanceof Error ? error.message : String(error))}`, offsetOf(error), 'cel-syntax');
    }
    const checked = program.check();
    if (!checked.valid) {
      throw new CelError(`CEL type error: ${firstLine(checked.error?.message ?? 'invalid')}`, offsetOf(checked.error), 'cel-type');
    }
    entry = { program, type: checked.type ?? 'dyn' };
    compiled.set(source, entry);
  }
  if (expectBool && entry.type !== 'bool' && entry.type !== 'dyn') {
    throw new CelError(`CEL condition must be a bool, this gives ${entry.type}`, 0, 'cel-not-bool');
  }
  return entry.program;
}

/** The scope a CEL expression evaluates in; missing parts default to empty values. */
export interface CelScope {
  customer: { id: string; name: string; language: string; tags: string[]; mode: string; following: boolean };
  message: { text: string; type: string };
  postback: { data: string };
  vars: Record<string, unknown>;
  hours: { open: boolean; holiday: boolean; nextOpen: string };
  channel: { id: string };
  answer: string;
}

export function evaluateCel(source: string, scope: CelScope): unknown {
  return compileCel(source, false)(scope);
}

/** A condition: true only for the boolean true (errors at run time count as false and are reported by the caller). */
export function holds(source: string, scope: CelScope): boolean {
  return evaluateCel(source, scope) === true;
}
