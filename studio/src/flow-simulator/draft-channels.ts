/**
 * The LINE channels a draft's Flows name (`channels:`, docs/flows.md One Flow per channel): the simulator
 * offers them, beside the channels the engine has, as the channel the simulated customer writes to.
 * A file that does not parse names none (the editor shows its problem).
 */
import { parseAllDocuments } from 'yaml';

export function draftChannels(files: readonly { source: string }[]): string[] {
  const named = new Set<string>();
  for (const { source } of files) {
    const docs = parseAllDocuments(source);
    for (const doc of Array.isArray(docs) ? docs : []) {
      if (doc.errors.length) continue;
      const data: unknown = doc.toJS();
      if (typeof data !== 'object' || data === null || !('kind' in data) || data.kind !== 'Flow' || !('channels' in data) || !Array.isArray(data.channels)) continue;
      for (const channel of data.channels) if (typeof channel === 'string') named.add(channel);
    }
  }
  return [...named];
}
