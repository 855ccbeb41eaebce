/** Where each test of a Flow is written (line and column of its `- name:` entry), for `baton test` output. */
import { LineCounter, parseAllDocuments, isMap, isSeq } from 'yaml';

export interface TestLocation {
  line: number;
  col: number;
}

/** Positions of `tests[i]` of the Flow document `flowId` in `source`; empty when it cannot be found. */
export function locateFlowTests(source: string, flowId: string): TestLocation[] {
  const lines = new LineCounter();
  for (const doc of parseAllDocuments(source, { lineCounter: lines })) {
    if (!('contents' in doc) || !isMap(doc.contents)) continue;
    if (doc.contents.get('kind') !== 'Flow' || doc.contents.get('id') !== flowId) continue;
    const tests = doc.contents.get('tests', true);
    if (!isSeq(tests)) return [];
    return tests.items.map((item) => {
      const offset = item !== null && typeof item === 'object' && 'range' in item && Array.isArray(item.range) ? Number(item.range[0]) : 0;
      return lines.linePos(offset);
    });
  }
  return [];
}
