/** One thing wrong with a flow file, located precisely enough for an editor to jump to it. */
export interface FlowProblem {
  file: string;
  line: number;
  col: number;
  /** JSON pointer into the document, e.g. /steps/2/handoff */
  pointer: string;
  /** stable code: yaml-syntax, schema-required, schema-unknown-key, unknown-step, duplicate-id, ... */
  code: string;
  message: string;
}

/** `file:line:col: message [code] (at /pointer)`, the line format of the CLI and start-up errors. */
export function formatProblem(problem: FlowProblem): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${problem.message} [${problem.code}] (at ${problem.pointer || '/'})`;
}
