/** Problems in reading order: by file, line and column, the most specific (deepest) first, each once. */
import { formatProblem, type FlowProblem } from './flow-problem.ts';

function depth(problem: FlowProblem): number {
  return problem.pointer === '' ? 0 : problem.pointer.split('/').length;
}

export function sortProblems(problems: readonly FlowProblem[]): FlowProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col || depth(b) - depth(a) || a.code.localeCompare(b.code))
    .filter((problem) => {
      const line = formatProblem(problem);
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    });
}
