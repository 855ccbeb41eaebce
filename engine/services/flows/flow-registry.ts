/**
 * Published flow versions: publishes the flows folder when it differs from the active version and
 * hands out the flow set of any version (a conversation stays on the version it started with).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { formatProblem, type FlowProblem } from '../../domain/flow/validation/flow-problem.ts';
import { readFlowSources, validateFlowSet, type FlowSet, type FlowSource } from './flow-set.ts';

export class FlowValidationError extends Error {
  constructor(readonly problems: FlowProblem[]) {
    super(`flows are invalid:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'FlowValidationError';
  }
}

export interface ActiveFlows {
  version: number;
  set: FlowSet;
}

function checksum(sources: FlowSource[]): string {
  const hash = createHash('sha256');
  for (const { file, source } of sources) hash.update(`${file}\0${source}\0`);
  return hash.digest('hex');
}

export class FlowRegistry {
  private readonly versions = new Map<number, FlowSet>();
  private activeVersion = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /** Validates the folder; publishes it as a new active version when it differs from the active one. */
  async loadFolder(dir: string, now: number): Promise<ActiveFlows> {
    const sources = (await readFlowSources(dir)).map((s) => ({ file: path.relative(process.cwd(), s.file) || s.file, source: s.source }));
    const result = validateFlowSet(sources);
    if (!result.ok) throw new FlowValidationError(result.problems);
    const sum = checksum(sources);
    const version = await this.store.transaction(async (tx) => {
      const active = await tx.flowVersions.active();
      if (active?.checksum === sum) return active.version;
      return tx.flowVersions.publish(JSON.stringify(sources), sum, `folder:${dir}`, now);
    });
    this.versions.set(version, result.set);
    this.activeVersion = version;
    this.logger.info({ version, files: sources.length }, 'flows loaded');
    return { version, set: result.set };
  }

  active(): ActiveFlows {
    const set = this.versions.get(this.activeVersion);
    if (!set) throw new Error('no active flow version loaded');
    return { version: this.activeVersion, set };
  }

  /** The flow set of a published version (loaded from the store the first time it is asked for). */
  async version(version: number): Promise<FlowSet> {
    const cached = this.versions.get(version);
    if (cached) return cached;
    const row = await this.store.flowVersions.get(version);
    if (!row) throw new Error(`flow version ${version} does not exist`);
    const result = validateFlowSet(JSON.parse(row.documents) as FlowSource[]);
    if (!result.ok) throw new FlowValidationError(result.problems);
    this.versions.set(version, result.set);
    return result.set;
  }
}
