/** Flow fixture sets on disk (for the validator tests): a `.yaml` file or a folder of them, named relative to their parent folder. */
import fs from 'node:fs';
import path from 'node:path';
import type { FlowSource } from '../../engine/domain/flow/validation/validate-flow-sources.ts';

export const brokenDir = path.resolve(import.meta.dirname, '../fixtures/flows/broken');
export const validDir = path.resolve(import.meta.dirname, '../fixtures/flows/valid');

/** Fixture names in `dir`: every .yaml file and every folder. */
export function fixtureNames(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || fs.statSync(path.join(dir, name)).isDirectory())
    .sort();
}

/** The sources of one fixture, each file named relative to `dir` (as its .expected lines name it). */
export function fixtureSources(dir: string, name: string): FlowSource[] {
  const full = path.join(dir, name);
  const files = fs.statSync(full).isDirectory() ? fs.readdirSync(full).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(name, f)) : [name];
  return files.map((file) => ({ file, source: fs.readFileSync(path.join(dir, file), 'utf8') }));
}

/** The lines a broken fixture must produce, from `<name without .yaml>.expected` beside it. */
export function expectedLines(dir: string, name: string): string[] {
  const file = path.join(dir, `${name.replace(/\.yaml$/, '')}.expected`);
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
}
