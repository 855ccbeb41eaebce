/** `npm run docs:flows`: writes docs/flows.md from the schemas' descriptions and docs/src/flows-*.md. */
import fs from 'node:fs';
import path from 'node:path';
import { flowDocsFile, generateFlowDocs, root } from './flow-docs/flow-docs-sources.ts';

fs.writeFileSync(flowDocsFile, generateFlowDocs());
process.stdout.write(`wrote ${path.relative(root, flowDocsFile)}\n`);
