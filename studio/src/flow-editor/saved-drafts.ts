/**
 * Drafts saved with Ctrl/Cmd+S, kept in this browser per version they started from: a reload, a
 * closed tab or a crash does not lose the work; starting a draft from that version again brings it
 * back. Publishing or discarding the draft forgets it. Storage that is full or disabled (private
 * windows) only means nothing is kept.
 */
import type { FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';

export interface SavedDraft {
  files: FlowSource[];
  /** ISO time of the save */
  savedAt: string;
}

const keyOf = (version: number) => `baton.flow-draft.v${version}`;

function isSource(value: unknown): value is FlowSource {
  return typeof value === 'object' && value !== null && 'file' in value && typeof value.file === 'string' && 'source' in value && typeof value.source === 'string';
}

export function loadSavedDraft(version: number): SavedDraft | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(keyOf(version)) ?? 'null');
    if (typeof raw !== 'object' || raw === null || !('files' in raw) || !('savedAt' in raw)) return null;
    const { files, savedAt } = raw;
    if (!Array.isArray(files) || typeof savedAt !== 'string') return null;
    return { files: files.filter(isSource), savedAt };
  } catch {
    return null;
  }
}

/** true when the draft is kept */
export function saveDraft(version: number, files: readonly FlowSource[], now = new Date()): boolean {
  try {
    localStorage.setItem(keyOf(version), JSON.stringify({ files, savedAt: now.toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function forgetSavedDraft(version: number): void {
  try {
    localStorage.removeItem(keyOf(version));
  } catch {
    // nothing was kept
  }
}
