import type { TransferRequest } from '../../../engine/contracts/rest.ts';

/**
 * The transfer control's choice as a request: '' the waiting queue, `operator:<id>` an operator,
 * `team:<name>` that team's queue; a note (trimmed) when one was written.
 */
export function transferRequest(target: string, note: string): TransferRequest {
  const text = note.trim();
  const withNote = text ? { note: text } : {};
  if (target.startsWith('operator:')) return { operatorId: target.slice('operator:'.length), ...withNote };
  if (target.startsWith('team:')) return { team: target.slice('team:'.length), ...withNote };
  return withNote;
}
