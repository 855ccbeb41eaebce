/**
 * The flow language's help, wired into CodeMirror: the validator's problems as underlines
 * (debounced, as you type), completion and hover from the schemas. The logic lives in the pure
 * modules beside this one; here it only becomes editor extensions.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { linter, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { hoverTooltip, type EditorView } from '@codemirror/view';
import type { FlowProblem } from '../../../engine/domain/flow/validation/flow-problem.ts';
import type { DraftIds } from './draft-ids.ts';
import { flowCompletions } from './flow-completions.ts';
import { flowHover } from './flow-hover.ts';
import { problemRange } from './problem-range.ts';

/** How long typing must pause before the draft is checked again. */
export const LINT_DELAY_MS = 300;

export interface FlowAssistSource {
  /** this file's problems when its text is `text` (the rest of the draft as it stands) */
  problems(text: string): Promise<readonly FlowProblem[]>;
  /** the ids the draft defines, for completion where a reference is expected */
  ids(): DraftIds;
}

/** Text with `code` spans as DOM nodes: descriptions are written that way (no innerHTML). */
export function describedElement(className: string, title: string | null, text: string): HTMLElement {
  const box = document.createElement('div');
  box.className = className;
  if (title) {
    const heading = document.createElement('div');
    heading.className = 'cm-hover-title';
    heading.textContent = title;
    box.append(heading);
  }
  const body = document.createElement('div');
  text.split('`').forEach((part, i) => {
    if (i % 2 === 0) body.append(part);
    else body.append(Object.assign(document.createElement('code'), { textContent: part }));
  });
  box.append(body);
  return box;
}

export function toDiagnostics(text: string, problems: readonly FlowProblem[]): Diagnostic[] {
  return problems.map((problem) => ({
    ...problemRange(text, problem.line, problem.col),
    severity: 'error',
    message: problem.message,
    source: problem.code,
  }));
}

function completionSource(source: () => FlowAssistSource | null) {
  return (context: CompletionContext): CompletionResult | null => {
    const assist = source();
    if (!assist) return null;
    const found = flowCompletions(context.state.doc.toString(), context.pos, assist.ids());
    // typing opens the list only once a word is started; Ctrl+Space opens it anywhere
    if (!found || (!context.explicit && found.from === context.pos && !context.matchBefore(/:\s$/))) return null;
    return {
      from: found.from,
      to: found.to,
      options: found.options.map((option) => ({
        label: option.label,
        apply: option.apply,
        type: option.type === 'reference' ? 'variable' : option.type === 'enum' ? 'enum' : 'property',
        ...(option.detail ? { detail: option.detail } : {}),
        ...(option.info ? { info: () => describedElement('cm-completion-description', null, option.info ?? '') } : {}),
      })),
      validFor: /^[\w$.-]*$/,
    };
  };
}

/** The editor extensions; `source` is read at each use, so a new draft needs no new editor. */
export function flowAssist(source: () => FlowAssistSource | null): Extension {
  return [
    linter(async (view: EditorView) => {
      const assist = source();
      if (!assist) return [];
      const text = view.state.doc.toString();
      return toDiagnostics(text, await assist.problems(text));
    }, { delay: LINT_DELAY_MS }),
    autocompletion({ override: [completionSource(source)], icons: false }),
    hoverTooltip((view, pos) => {
      const hover = flowHover(view.state.doc.toString(), pos);
      if (!hover) return null;
      return { pos: hover.from, end: hover.to, above: true, create: () => ({ dom: describedElement('cm-hover', hover.title, hover.description) }) };
    }),
  ];
}
