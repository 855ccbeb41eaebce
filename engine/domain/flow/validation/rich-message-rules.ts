/**
 * The rich messages of a document: every Flex message of a Flow's say steps and of the canned responses
 * (flex-rules.ts), and canned responses with nothing to send (the schema makes each part optional).
 */
import type { CannedResponsesDocument, FlowDocument } from '../flow-document.ts';
import { flexProblems } from './flex-rules.ts';
import type { FlowProblem } from './flow-problem.ts';
import { pointer } from './json-pointer.ts';
import { problemAt, type DocumentSite } from './located-document.ts';

export function flowRichMessageProblems(flow: FlowDocument, site: DocumentSite): FlowProblem[] {
  return flow.steps.flatMap((step, i) => (step.say?.flex ? flexProblems(step.say.flex, pointer('steps', i, 'say', 'flex'), site) : []));
}

export function cannedRichMessageProblems(document: CannedResponsesDocument, site: DocumentSite): FlowProblem[] {
  return document.responses.flatMap((response, i) => {
    if (response.text === undefined && !response.image && !response.flex) {
      return [problemAt(site, pointer('responses', i), 'canned-empty', `canned response "${response.id}" sends nothing: give it a text, an image or a flex message (or several)`)];
    }
    return response.flex ? flexProblems(response.flex, pointer('responses', i, 'flex'), site) : [];
  });
}
