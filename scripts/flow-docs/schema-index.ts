/** The flow schemas by $id, with $ref resolution the way ajv does it (relative to the schema's $id). */

export type Json = Record<string, unknown>;

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Located {
  /** absolute $id plus fragment, e.g. https://baton.dev/schemas/common.json#/definitions/id */
  url: string;
  schema: Json;
}

export class SchemaIndex {
  private readonly byId = new Map<string, Json>();

  constructor(schemas: readonly object[]) {
    for (const schema of schemas) {
      if (isJson(schema) && typeof schema.$id === 'string') this.byId.set(schema.$id, schema);
    }
  }

  /** The schema a `$ref` names, resolved against `base` (the URL of the schema it is written in). */
  resolve(ref: string, base: string): Located {
    const url = new URL(ref, base);
    const document = this.byId.get(`${url.origin}${url.pathname}`);
    if (!document) throw new Error(`no schema for $ref ${ref} (from ${base})`);
    let node: unknown = document;
    for (const segment of url.hash.replace(/^#\/?/, '').split('/').filter(Boolean)) {
      node = isJson(node) ? node[segment] : undefined;
    }
    if (!isJson(node)) throw new Error(`$ref ${ref} (from ${base}) points at nothing`);
    return { url: url.href.replace(/#$/, ''), schema: node };
  }

  /** Follows `$ref` until a schema with content; keeps the outermost description. */
  follow(schema: Json, base: string): Located {
    let current: Located = { url: base, schema };
    for (let hops = 0; typeof current.schema.$ref === 'string' && hops < 10; hops++) current = this.resolve(current.schema.$ref, current.url);
    return current;
  }
}
