/**
 * Whether one LINE webhook event may be stored and run, and if not, why. The same check runs at the
 * edge (an event that fails is stored as ignored, never run) and again before an event is run, for
 * events stored before it existed: a malformed event is then ignored at once instead of retried.
 * The rules are the schema's (schemas/line-webhook.json#/definitions/event) plus what a schema cannot
 * say cheaply: no NUL anywhere, and no absurd nesting (json-hazard.ts).
 */
import type { webhook } from '@line/bot-sdk';
import { Ajv, type ValidateFunction } from 'ajv';
import lineWebhookSchema from '../../schemas/line-webhook.json' with { type: 'json' };
import { jsonHazard, MAX_EVENT_DEPTH } from './json-hazard.ts';

function compileEventSchema(): ValidateFunction<webhook.Event> {
  // patterns without the u flag: "." and [\s\S] then match UTF-16 code units, which is how LINE
  // counts its 5,000-character text limit (maxLength would count code points)
  const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, unicodeRegExp: false });
  ajv.addSchema(lineWebhookSchema);
  const validate = ajv.getSchema<webhook.Event>('https://baton.dev/schemas/line-webhook.json#/definitions/event');
  if (!validate) throw new Error('schema line-webhook.json#/definitions/event not found');
  return validate;
}

const validateEvent = compileEventSchema();

/** An event Baton refuses to run, with the reason it gives. */
export class MalformedLineEventError extends Error {
  constructor(readonly reason: string) {
    super(`malformed LINE event: ${reason}`);
  }
}

export type LineEventCheck = { event: webhook.Event; problem: null } | { event: null; problem: string };

/** the JSON escape for NUL: JSON text can carry a NUL in no other way */
const ESCAPED_NUL = '\\u0000';

/**
 * `text`: the event as stored, when the caller has it and it came from webhookEventTexts or
 * JSON.stringify (then it is known to be shallow, and a NUL in it must be written as \u0000, so the
 * walk for NUL is needed only when that escape appears). Without it the event is walked in full.
 */
export function checkLineEvent(value: unknown, text: string | null = null): LineEventCheck {
  if (!validateEvent(value)) return { event: null, problem: schemaProblem() };
  if (text === null || text.includes(ESCAPED_NUL)) {
    const hazard = jsonHazard(value);
    if (hazard) return { event: null, problem: hazardProblem(hazard) };
  }
  return { event: value, problem: null };
}

export function hazardProblem(hazard: 'nul' | 'too-deep'): string {
  return hazard === 'nul' ? 'a string or key holds NUL (\\u0000)' : `nested deeper than ${MAX_EVENT_DEPTH} levels`;
}

/**
 * The first schema error, as "<where> <what>": ajv names the place and the rule, never the value.
 * Keys in the place come from the body, so control characters are replaced and the length bounded:
 * the reason is stored (Postgres refuses NUL) and logged.
 */
function schemaProblem(): string {
  const error = validateEvent.errors?.[0];
  const where = error?.instancePath || '(event)';
  return `${where} ${error?.message ?? 'is invalid'}`.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 300);
}
