/**
 * Writes what a form holds into the YAML as the smallest set of edits: only the keys and list items
 * that differ from what the document says are touched, so a form change never reflows the rest.
 */
import { sameData } from './same-data.ts';
import type { SetOptions, YamlPath, YamlTextEdit } from './yaml-text-edit.ts';

/** How new values at a path are written: flow style (`[a, b]`, `{ k: v }`) or block. */
export type FlowAt = (path: YamlPath) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Makes the value at `path` read `next`, where the document now reads `current`. `undefined` is
 * absent: a key set to it is removed.
 */
export function syncYamlValue(edit: YamlTextEdit, path: YamlPath, current: unknown, next: unknown, flowAt: FlowAt): void {
  if (sameData(current, next)) return;
  const options: SetOptions = { flow: flowAt(path) };
  if (next === undefined) edit.delete(path);
  else if (isObject(current) && isObject(next)) syncMapping(edit, path, current, next, flowAt);
  else if (Array.isArray(current) && Array.isArray(next)) syncList(edit, path, current, next, flowAt);
  else edit.set(path, next, options);
}

function syncMapping(edit: YamlTextEdit, path: YamlPath, current: Record<string, unknown>, next: Record<string, unknown>, flowAt: FlowAt): void {
  const order = Object.keys(next);
  for (const key of Object.keys(current)) if (!(key in next) || next[key] === undefined) edit.delete([...path, key]);
  for (const key of order) {
    const value = next[key];
    if (value === undefined) continue;
    if (key in current) syncYamlValue(edit, [...path, key], current[key], value, flowAt);
    else edit.set([...path, key], value, { flow: flowAt([...path, key]), flowInside: (inner) => flowAt([...path, key, ...inner]), order });
  }
}

/** Whether `part` is `whole` with some items left out (in order). */
function removedFrom(whole: readonly unknown[], part: readonly unknown[]): number[] | null {
  const removed: number[] = [];
  let j = 0;
  for (const [i, item] of whole.entries()) {
    if (j < part.length && sameData(item, part[j])) j++;
    else removed.push(i);
  }
  return j === part.length ? removed : null;
}

/**
 * A form changes a list one step at a time: a row removed, a row edited, a row added at the end.
 * Removed rows go with their comments; edited rows are edited field by field; anything else is
 * written item by item from the first difference.
 */
function syncList(edit: YamlTextEdit, path: YamlPath, current: readonly unknown[], next: readonly unknown[], flowAt: FlowAt): void {
  const added = (i: number) => ({ flow: flowAt([...path, i]), flowInside: (inner: YamlPath) => flowAt([...path, i, ...inner]) });
  const removed = next.length < current.length ? removedFrom(current, next) : null;
  if (removed) {
    // from the end, so the indices still to go stay valid
    for (const i of removed.reverse()) edit.delete([...path, i]);
    return;
  }
  const shared = Math.min(current.length, next.length);
  for (let i = 0; i < shared; i++) syncYamlValue(edit, [...path, i], current[i], next[i], flowAt);
  for (let i = current.length - 1; i >= next.length; i--) edit.delete([...path, i]);
  for (let i = current.length; i < next.length; i++) edit.append(path, next[i], added(i));
}
