/** Liquid templates in text fields, rendered without any I/O (no includes, no file system). */
import { Liquid } from 'liquidjs';
import type { Template } from 'liquidjs';

const liquid = new Liquid({ cache: false, strictFilters: true, ownPropertyOnly: true });
const parsed = new Map<string, Template[]>();

export function renderTemplate(source: string, scope: object): string {
  let templates = parsed.get(source);
  if (!templates) {
    templates = liquid.parse(source);
    parsed.set(source, templates);
  }
  return liquid.renderSync(templates, scope) as string;
}

/** Throws a Liquid parse error for a template that cannot render (used by the validator). */
export function checkTemplate(source: string): void {
  liquid.parse(source);
}
