/** What docs/flows.md is made of, read from the repository: the schemas, the problem codes and the hand-written parts. */
import fs from 'node:fs';
import path from 'node:path';
import { problemCodes } from '../../engine/domain/flow/validation/problem-codes.ts';
import { kindSchemas, sharedSchemas, stepSchemas } from '../../engine/domain/flow/validation/schema-catalog.ts';
import { renderFlowDocs } from './render-flow-docs.ts';

export const root = path.resolve(import.meta.dirname, '../..');
export const flowDocsFile = path.join(root, 'docs/flows.md');
export const cookbookFile = path.join(root, 'docs/src/flows-cookbook.md');

export function generateFlowDocs(): string {
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  return renderFlowDocs({
    kinds: kindSchemas,
    steps: stepSchemas,
    shared: sharedSchemas,
    problemCodes,
    intro: read('docs/src/flows-intro.md'),
    cookbook: read('docs/src/flows-cookbook.md'),
  });
}
