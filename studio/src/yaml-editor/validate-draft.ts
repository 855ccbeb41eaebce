/** The draft validator (draft-validator.ts), fetched the first time a draft is checked. */
import type { FlowProblem } from '../../../engine/domain/flow/validation/flow-problem.ts';
import type { FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';

let loading: Promise<typeof import('./draft-validator.ts')> | null = null;

export async function validateDraft(files: readonly FlowSource[]): Promise<FlowProblem[]> {
  loading ??= import('./draft-validator.ts').catch((error: unknown) => {
    // offline for a moment: try again at the next pause in typing
    loading = null;
    throw error;
  });
  const { validateDraftNow } = await loading;
  return validateDraftNow(files);
}
