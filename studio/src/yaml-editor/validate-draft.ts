/**
 * The draft's problems, found in the browser by the validator `baton validate` runs (same schemas,
 * same reference and CEL checks), so the editor can underline them as you type. Plugin steps are
 * the exception: only the engine knows its plugins, so those are checked by the server's
 * validation on Validate and Publish, which stays the authority.
 */
import { kindValidators } from 'virtual:flow-kind-validators';
import type { FlowProblem } from '../../../engine/domain/flow/validation/flow-problem.ts';
import { validateFlowSet, type FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';

export function validateDraft(files: readonly FlowSource[]): FlowProblem[] {
  return validateFlowSet(files, { kindValidators }).problems;
}
