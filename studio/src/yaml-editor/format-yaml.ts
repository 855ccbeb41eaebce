/**
 * Format: the file written out again by the yaml library with two-space indents, comments and
 * scalar styles (quotes, `>-` blocks, `{ }` one-liners) kept. Text is never folded (a folded
 * `>-` block comes out as one line; its value is the same), so no string gains a line break. A file
 * that does not parse is left alone: formatting cannot guess what was meant.
 */
import { parseAllDocuments } from 'yaml';

/** The formatted text, or null when the file has a syntax error. */
export function formatYaml(text: string): string | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) return null;
  const written = docs.map((doc, i) => {
    // every document after the first needs its `---`, however the file wrote it
    if (i > 0) doc.directives.docStart = true;
    return doc.toString({ indent: 2, lineWidth: 0, flowCollectionPadding: true });
  });
  return written.join('');
}
