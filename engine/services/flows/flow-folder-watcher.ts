/**
 * Development convenience (BATON_WATCH_FLOWS=on, set by `npm run dev`): when a flow file changes, the
 * folder is validated again; a valid set is published as the new active version, an invalid one is
 * reported as file:line:col lines while the running version keeps serving customers.
 */
import fs from 'node:fs';
import { formatProblem } from '../../domain/flow/validation/flow-problem.ts';
import type { Logger } from '../../logger.ts';
import { FlowValidationError, type FlowRegistry } from './flow-registry.ts';

/** Editors write a file in several steps; wait for the burst to settle before validating. */
const SETTLE_MS = 300;

export class FlowFolderWatcher {
  private watcher: fs.FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly flows: FlowRegistry,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.watcher = fs.watch(this.dir, (_event, name) => {
      if (name && !/\.ya?ml$/.test(name.toString())) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.reloading = this.reloading.then(() => this.reload());
      }, SETTLE_MS);
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
    await this.reloading;
  }

  private async reload(): Promise<void> {
    try {
      const { version } = await this.flows.loadFolder(this.dir);
      this.logger.info({ version }, 'flows folder changed: active version is now %d', version);
    } catch (error) {
      if (error instanceof FlowValidationError) {
        // shown as the lines an editor understands; the running version is untouched
        this.logger.warn({ problems: error.problems.length }, `flows folder is invalid, still serving the active version:\n${error.problems.map(formatProblem).join('\n')}`);
        return;
      }
      this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'flows reload failed');
    }
  }
}
