/** Where each test of a Flow is written (line and column of its `- name:` entry), for `baton test` output. */
import { LineCounter, parseAllDocuments, isMap, isSeq } from 'yaml';

export interface TestLocation {
  line: number;
  col: number;
}

function isFlow(value: unknown, flowId: string): boolean {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'Flow' && 'id' in value && value.id === flowId;
}

/** Positions of `tests[i]` of the Flow document `flowId` in `source`; empty when it cannot be found. */
export function locateFlowTests(source: string, flowId: string): TestLocation[] {
  const lines = new LineCounter();
  for (const doc of parseAllDocuments(source, { lineCounter: lines })) {
    if (!isMap(doc.contents) || !isFlow(doc.toJS(), flowId)) continue;
    const tests = doc.contents.get('tests', true);
    if (!isSeq(tests)) return [];
    return tests.items.map((item) => {
      const offset = item !== null && typeof item === 'object' && 'range' in item && Array.isArray(item.range) ? Number(item.range[0]) : 0;
      return lines.linePos(offset);
    });
  }
  return [];
}
