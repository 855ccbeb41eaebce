import type { FlowProblemDto } from '../../../engine/contracts/rest.ts';
import { ApiRequestError } from '../api/api-error.ts';

/** The `problems` of a 422 `invalid_flows` answer to a publish, or null for any other failure. */
export function problemsFromError(error: unknown): FlowProblemDto[] | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'invalid_flows') return null;
  const body = error.body;
  if (typeof body !== 'object' || body === null || !('problems' in body) || !Array.isArray(body.problems)) return null;
  const problems: unknown[] = body.problems;
  return problems.filter(isProblem);
}

function isProblem(value: unknown): value is FlowProblemDto {
  if (typeof value !== 'object' || value === null) return false;
  return (
    'file' in value &&
    typeof value.file === 'string' &&
    'line' in value &&
    typeof value.line === 'number' &&
    'col' in value &&
    typeof value.col === 'number' &&
    'code' in value &&
    typeof value.code === 'string' &&
    'message' in value &&
    typeof value.message === 'string' &&
    'pointer' in value &&
    typeof value.pointer === 'string'
  );
}
