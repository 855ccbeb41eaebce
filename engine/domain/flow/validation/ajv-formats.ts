/**
 * The flow formats as ajv format definitions, shared by the validators compiled at start-up and
 * the ones the studio build writes out as code (which import this module by name).
 */
import { flowFormats } from './flow-formats.ts';

export interface AjvStringFormat {
  type: 'string';
  validate: (value: string) => boolean;
}

export const ajvFormats: Readonly<Record<string, AjvStringFormat>> = Object.fromEntries(
  Object.entries(flowFormats).map(([name, check]) => [name, { type: 'string', validate: (value: string) => check(value) === null }]),
);
