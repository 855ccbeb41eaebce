/**
 * Who did something, from the engine's actor strings: `operator:<id>` is named from the operator
 * list, `folder:<path>` is the flows folder loaded at start-up; anything else is shown as it is.
 */
export function actorName(actor: string, operatorNames: ReadonlyMap<string, string>): string {
  const [kind, ...rest] = actor.split(':');
  const id = rest.join(':');
  if (kind === 'operator') return operatorNames.get(id) ?? 'a former operator';
  if (kind === 'folder') return 'the flows folder';
  return actor;
}
