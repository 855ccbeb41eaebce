/**
 * Turns a schema run's errors into the few problems worth reading: one per real mistake, most
 * specific first, without the echo a combinator leaves behind (a oneOf branch's "missing say").
 */
import type { ErrorObject } from 'ajv';
import type { FlowProblem } from './flow-problem.ts';
import { describeSchemaError, type SchemaFinding } from './schema-messages.ts';
import type { YamlLocator } from './yaml-locator.ts';

export interface SchemaErrorSite {
  file: string;
  locator: YamlLocator;
  /** the data that was validated */
  data: unknown;
  /** where that data sits in the document ('' for a whole document) */
  base: string;
}

/** Errors from inside a oneOf branch or a propertyNames check only repeat what the umbrella error says better. */
function isEcho(error: ErrorObject): boolean {
  return /\/oneOf\/\d+\//.test(error.schemaPath) || (error.keyword === 'propertyNames' && error.propertyName === undefined) || error.keyword === 'if';
}

function isNoise(finding: SchemaFinding, all: SchemaFinding[]): boolean {
  // `say: hello` is wrong in type; what a mapping would need besides is beside the point
  if (finding.keyword !== 'type' && all.some((other) => other.keyword === 'type' && other.instancePath === finding.instancePath)) return true;
  const here = all.filter((other) => other !== finding && other.instancePath === finding.instancePath);
  const unknownKeysHere = here.filter((other) => other.keyword === 'additionalProperties');
  const dependencyHere = here.some((other) => other.keyword === 'dependencies');
  // `gotoo: x` already says "did you mean goto"; "missing goto" would say it twice
  if (finding.keyword === 'required') return unknownKeysHere.some((unknown) => unknown.suggests === finding.missing);
  // a step whose one key is misspelt has no type key, but the unknown key is the actual mistake;
  // a route with `then` and no `if` is better told "missing if" than "needs if or else"
  if (finding.code === 'schema-no-type-key') return unknownKeysHere.length > 0 || dependencyHere;
  return false;
}

export function schemaProblems(errors: readonly ErrorObject[], site: SchemaErrorSite): FlowProblem[] {
  const findings = errors.filter((error) => !isEcho(error)).map((error) => describeSchemaError(error, site.data));
  return findings
    .filter((finding) => !isNoise(finding, findings))
    .map((finding): FlowProblem => {
      const pointer = site.base + finding.pointer;
      const position =
        finding.offset === undefined ? site.locator.locate(pointer, finding.atKey) : site.locator.locateInString(pointer, finding.offset);
      return { file: site.file, ...position, pointer, code: finding.code, message: finding.message };
    });
}
