/** One parsed YAML document: which kind it is, then that kind's schema, then its own rules. */
import type { FlowSetDocument } from '../flow-document.ts';
import { didYouMean } from './did-you-mean.ts';
import { documentRuleProblems } from './document-rules.ts';
import type { FlowProblem } from './flow-problem.ts';
import type { KindValidators } from './kind-validators.ts';
import { problemAt, type DocumentSite } from './located-document.ts';
import { documentKinds, isDocumentKind } from './schema-catalog.ts';
import { schemaProblems } from './schema-problems.ts';

export interface DocumentCheck {
  document: FlowSetDocument | null;
  problems: FlowProblem[];
}

function kindProblem(value: unknown, site: DocumentSite): FlowProblem | null {
  const kinds = documentKinds.join(', ');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return problemAt(site, '', 'schema-type', `a flow document must be a mapping with a kind (${kinds})`);
  }
  const kind: unknown = Object.getOwnPropertyDescriptor(value, 'kind')?.value;
  if (kind === undefined) return problemAt(site, '', 'schema-required', `missing required key "kind" (one of ${kinds})`);
  if (typeof kind !== 'string' || !isDocumentKind(kind)) {
    return problemAt(site, '/kind', 'unknown-kind', `unknown kind ${JSON.stringify(kind)}${typeof kind === 'string' ? didYouMean(kind, documentKinds) : ''}; the kinds are ${kinds}`);
  }
  return null;
}

export function checkDocument(value: unknown, site: DocumentSite, kindValidators: KindValidators): DocumentCheck {
  const wrongKind = kindProblem(value, site);
  if (wrongKind) return { document: null, problems: [wrongKind] };
  const kind = String(Object.getOwnPropertyDescriptor(value, 'kind')?.value);
  const validate = isDocumentKind(kind) ? kindValidators[kind] : null;
  if (!validate) return { document: null, problems: [] };
  if (!validate(value)) return { document: null, problems: schemaProblems(validate.errors ?? [], { ...site, data: value, base: '' }) };
  const problems = documentRuleProblems(value, site);
  return { document: problems.length === 0 ? value : null, problems };
}
