/**
 * The Liquid inside a Flex message: the `text` of text and span components and the `label`, `text` and
 * `displayText` of actions are templates (`Hi {{ customer.name }}`); everything else (URLs, postback data,
 * colours, sizes) is sent as written. The validator checks the same fields (validation/flex-rules.ts).
 */

type JsonPath = (string | number)[];

/** The keys of an object that hold a template, by the object's `type`. */
const COMPONENT_TEXT_TYPES = new Set(['text', 'span']);
const ACTION_TEXT_KEYS = ['label', 'text', 'displayText'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function templateKeys(node: Record<string, unknown>, parentKey: string | number | undefined): string[] {
  // an action is the value of an `action` key (a button's, a box's, an image's)
  if (parentKey === 'action') return ACTION_TEXT_KEYS;
  return typeof node.type === 'string' && COMPONENT_TEXT_TYPES.has(node.type) ? ['text'] : [];
}

/** Every templated string in the Flex container, with its path from the container. */
export function* flexTemplates(node: unknown, path: JsonPath = []): Generator<{ path: JsonPath; template: string }> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* flexTemplates(item, [...path, i]);
    return;
  }
  if (!isRecord(node)) return;
  const keys = templateKeys(node, path.at(-1));
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && keys.includes(key)) yield { path: [...path, key], template: value };
    else yield* flexTemplates(value, [...path, key]);
  }
}

/** A copy of the container with every template rendered; the original (the flow document's) is left alone. */
export function renderFlexContents(contents: Record<string, unknown>, render: (template: string) => string): Record<string, unknown> {
  const rendered = renderNode(contents, undefined, render);
  return isRecord(rendered) ? rendered : contents;
}

function renderNode(node: unknown, parentKey: string | number | undefined, render: (template: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item: unknown, i) => renderNode(item, i, render));
  if (!isRecord(node)) return node;
  const keys = templateKeys(node, parentKey);
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, typeof value === 'string' && keys.includes(key) ? render(value) : renderNode(value, key, render)]));
}
