/**
 * Checks of one document that JSON Schema cannot express: they compare two values of the same
 * document. Checks across documents (references, duplicates) come later, on the whole set.
 */
import type { FlowSetDocument } from '../flow-document.ts';
import { regexIssue } from './flow-formats.ts';
import type { FlowProblem } from './flow-problem.ts';
import { pointer } from './json-pointer.ts';
import { problemAt, type DocumentSite } from './located-document.ts';
import { cannedRichMessageProblems, flowRichMessageProblems } from './rich-message-rules.ts';
import { richMenuProblems } from './rich-menu-rules.ts';

export function documentRuleProblems(document: FlowSetDocument, site: DocumentSite): FlowProblem[] {
  const problems: FlowProblem[] = [];
  if (document.kind === 'Flow') {
    document.triggers.forEach((trigger, i) => {
      if (!trigger.regex) return;
      // the runtime drops g and y (a trigger tests one message); the rest is compiled as written
      const issue = regexIssue(trigger.regex.pattern, (trigger.regex.flags ?? '').replace(/[gy]/g, ''));
      if (issue) problems.push(problemAt(site, pointer('triggers', i, 'regex', 'pattern'), issue.code, issue.message));
    });
  }
  if (document.kind === 'AutoClose' && document.warnBeforeMinutes >= document.inactivityMinutes) {
    problems.push(
      problemAt(site, '/warnBeforeMinutes', 'bad-warning-time', `the warning must come before the close: warnBeforeMinutes (${document.warnBeforeMinutes}) is not less than inactivityMinutes (${document.inactivityMinutes})`),
    );
  }
  if (document.kind === 'RichMenu') problems.push(...richMenuProblems(document, site));
  if (document.kind === 'Flow') problems.push(...flowRichMessageProblems(document, site));
  if (document.kind === 'CannedResponses') problems.push(...cannedRichMessageProblems(document, site));
  return problems;
}
