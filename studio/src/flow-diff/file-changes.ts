/** What changed between two flow sets, file by file, as unified-diff hunks (jsdiff). */
import { structuredPatch, type StructuredPatchHunk } from 'diff';

export interface FlowFile {
  file: string;
  source: string;
}

export interface FileChange {
  file: string;
  status: 'added' | 'removed' | 'changed';
  hunks: StructuredPatchHunk[];
  added: number;
  removed: number;
}

/** Files in either set that differ, in file-name order; unchanged files are left out. */
export function fileChanges(before: readonly FlowFile[], after: readonly FlowFile[]): FileChange[] {
  const old = new Map(before.map((f) => [f.file, f.source]));
  const now = new Map(after.map((f) => [f.file, f.source]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  return names.flatMap((file) => {
    const a = old.get(file);
    const b = now.get(file);
    if (a === b) return [];
    const { hunks } = structuredPatch(file, file, a ?? '', b ?? '', undefined, undefined, { context: 3 });
    const count = (sign: string) => hunks.reduce((n, h) => n + h.lines.filter((l) => l.startsWith(sign)).length, 0);
    const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    return [{ file, status, hunks, added: count('+'), removed: count('-') }];
  });
}
