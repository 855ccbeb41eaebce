/**
 * The draft's problems, found in the browser by the validator `baton validate` runs (same schemas,
 * same reference and CEL checks), so the editor can underline them as you type. Plugin steps are
 * the exception: only the engine knows its plugins, so those are checked by the server's
 * validation on Validate and Publish, which stays the authority.
 *
 * Loaded on its own (validate-draft.ts) when a draft is first checked: with CEL and Liquid it is
 * half the editor's weight, and reading a version needs none of it.
 */
import { kindValidators } from 'virtual:flow-kind-validators';
import type { FlowProblem } from '../../../engine/domain/flow/validation/flow-problem.ts';
import { validateFlowSet, type FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';

export function validateDraftNow(files: readonly FlowSource[]): FlowProblem[] {
  return validateFlowSet(files, { kindValidators }).problems;
}
