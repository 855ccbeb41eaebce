/**
 * `baton flows list | publish [dir] | rollback <version>`: flow versions from the command line, against
 * the database in DATABASE_URL (the same one the engines use; running engines follow within seconds).
 */
import os from 'node:os';
import path from 'node:path';
import { builtInStepKinds, stepKindSchemas } from '../../plugins/built-in-plugins.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { FlowRegistry, FlowValidationError } from '../services/flows/flow-registry.ts';
import { readFlowSources } from '../services/flows/flow-set.ts';
import { formatProblem } from '../domain/flow/validation/flow-problem.ts';
import { openDatabase } from '../store/database.ts';
import { createStore, type Store } from '../store/store.ts';

const usage = 'usage: baton flows list | baton flows publish [dir] | baton flows rollback <version>';

async function withStore<T>(work: (store: Store, registry: FlowRegistry) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = createStore(await openDatabase(config.database));
  try {
    return await work(store, new FlowRegistry(store, createLogger('silent'), Date.now, { pluginStepKinds: stepKindSchemas(builtInStepKinds) }));
  } finally {
    await store.close();
  }
}

const actor = () => `cli:${os.userInfo().username}`;
const when = (ms: number) => new Date(ms).toISOString();

export async function runFlowsCommand(args: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [sub, arg] = args;
  try {
    if (sub === 'list') {
      return await withStore(async (store) => {
        for (const row of await store.flowVersions.list()) {
          out.write(`${row.active ? '*' : ' '} v${row.version}  ${when(row.published_at)}  ${row.published_by}\n`);
        }
        return 0;
      });
    }
    if (sub === 'publish') {
      const dir = path.resolve(arg ?? loadConfig().flowsDir);
      return await withStore(async (_store, registry) => {
        const sources = (await readFlowSources(dir)).map((s) => ({ file: path.relative(process.cwd(), s.file), source: s.source }));
        const published = await registry.publish(sources, actor(), { onlyIfChanged: true });
        out.write(`v${published.version} is active (${sources.length} files from ${dir})\n`);
        return 0;
      });
    }
    if (sub === 'rollback') {
      const version = Number(arg);
      if (!Number.isInteger(version) || version < 1) {
        err.write(`${usage}\n`);
        return 2;
      }
      return await withStore(async (_store, registry) => {
        if (!(await registry.activate(version, actor()))) {
          err.write(`no flow version ${version}\n`);
          return 1;
        }
        out.write(`v${version} is active\n`);
        return 0;
      });
    }
  } catch (error) {
    if (error instanceof FlowValidationError) {
      for (const problem of error.problems) err.write(`${formatProblem(problem)}\n`);
      return 1;
    }
    throw error;
  }
  err.write(`${usage}\n`);
  return 2;
}
