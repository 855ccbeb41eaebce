/**
 * Published flow versions. Publishing stores an immutable version of the whole flow set and makes it
 * active; activating an older version is the rollback. A conversation stays on the version it started
 * with, so the registry hands out any version's set, cached after the first use. The active version is
 * re-read from the store at most every ACTIVE_TTL_MS, so every engine of a cluster follows a rollback.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FlowSet } from '../../domain/flow/flow-set.ts';
import { formatProblem, type FlowProblem } from '../../domain/flow/validation/flow-problem.ts';
import type { ValidateFlowOptions } from '../../domain/flow/validation/validate-flow-sources.ts';
import { UserError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { FlowActivationRow } from '../../store/repositories/flow-versions.repo.ts';
import type { Store } from '../../store/store.ts';
import { readFlowSources, validateFlowSet, type FlowSetResult, type FlowSource } from './flow-set.ts';
import { StaleDraftError, type ActiveSince } from './stale-draft-error.ts';

/** A flow set that does not validate: 422 for the API, file:line:col lines for the CLI and start-up. */
export class FlowValidationError extends UserError {
  constructor(readonly problems: FlowProblem[]) {
    super(422, 'invalid_flows', `flows are invalid:\n${problems.map(formatProblem).join('\n')}`, { problems });
    this.name = 'FlowValidationError';
  }
}

export interface PublishOptions {
  /** the folder at start-up: nothing new when the files are what is active already */
  onlyIfChanged?: boolean;
  /**
   * The version that was active when the draft was started. When given and another version is active
   * now, publishing is refused (StaleDraftError) instead of overwriting what was published meanwhile.
   */
  baseVersion?: number;
  /** why: shown in the version history */
  note?: string | null;
}

export interface ActiveFlows {
  version: number;
  set: FlowSet;
}

const ACTIVE_TTL_MS = 2_000;

function checksum(sources: FlowSource[]): string {
  const hash = createHash('sha256');
  for (const { file, source } of sources) hash.update(`${file}\0${source}\0`);
  return hash.digest('hex');
}

export class FlowRegistry {
  private readonly versions = new Map<number, FlowSet>();
  private activeVersion = 0;
  private activeCheckedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    /** what the validator needs beyond the files, e.g. the plugin step kinds of this engine */
    private readonly validation: ValidateFlowOptions = {},
  ) {}

  /** Validates a flow set as this engine would before publishing it. */
  validate(sources: FlowSource[]): FlowSetResult {
    return validateFlowSet(sources, this.validation);
  }

  /** Validates the folder; publishes it when it differs from the active version. */
  async loadFolder(dir: string): Promise<ActiveFlows> {
    const sources = (await readFlowSources(dir)).map((s) => ({ file: path.relative(process.cwd(), s.file) || s.file, source: s.source }));
    return this.publish(sources, `folder:${dir}`, { onlyIfChanged: true });
  }

  /** Validates and publishes a flow set as the new active version (or throws FlowValidationError). */
  async publish(sources: FlowSource[], actor: string, options: PublishOptions = {}): Promise<ActiveFlows> {
    const result = this.validate(sources);
    if (!result.ok) throw new FlowValidationError(result.problems);
    const sum = checksum(sources);
    type Outcome = { version: number } | { stale: number; activation: FlowActivationRow | undefined };
    const outcome = await this.store.transaction(async (tx): Promise<Outcome> => {
      await tx.flowVersions.lockForPublishing();
      const active = await tx.flowVersions.active();
      if (options.baseVersion !== undefined && active && active.version !== options.baseVersion) {
        return { stale: active.version, activation: await tx.flowVersions.lastActivation() };
      }
      if (options.onlyIfChanged && active?.checksum === sum) return { version: active.version };
      return { version: await tx.flowVersions.publish(sources, sum, actor, this.now(), options.note ?? null) };
    });
    if ('stale' in outcome) throw new StaleDraftError(options.baseVersion ?? 0, await this.activeSince(outcome.stale, outcome.activation));
    const { version } = outcome;
    this.versions.set(version, result.set);
    this.setActive(version);
    this.logger.info({ version, files: sources.length, actor }, 'flows active');
    await this.warnOfUnknownChannels(version, result.set);
    return { version, set: result.set };
  }

  /**
   * Channels live in the store, not in the flow files: a Flow may name a channel added later (its customers
   * run that Flow from then on), so one that does not exist is a warning, not a reason to refuse the set.
   */
  private async warnOfUnknownChannels(version: number, set: FlowSet): Promise<void> {
    if (set.channelFlows.size === 0) return;
    const known = new Set((await this.store.channels.list()).map((channel) => channel.id));
    const unknown = [...set.channelFlows].filter(([channel]) => !known.has(channel)).map(([channel, { flow, file }]) => ({ channel, flow: flow.id, file }));
    if (unknown.length > 0) this.logger.warn({ version, unknown }, 'flows name channels that do not exist (yet): their Flow answers once the channel is added');
  }

  /** Makes a published version active again (rollback); false when there is no such version. */
  async activate(version: number, actor: string): Promise<boolean> {
    if (!(await this.store.flowVersions.get(version))) return false;
    const set = await this.version(version);
    const done = await this.store.transaction((tx) => tx.flowVersions.activate(version, actor, this.now()));
    if (done) {
      this.versions.set(version, set);
      this.setActive(version);
      this.logger.info({ version, actor }, 'flow version activated');
    }
    return done;
  }

  /** The active version; refreshed from the store so a rollback on another engine is followed. */
  async active(): Promise<ActiveFlows> {
    if (this.now() - this.activeCheckedAt > ACTIVE_TTL_MS) {
      const row = await this.store.flowVersions.active();
      if (row) this.setActive(row.version);
    }
    return { version: this.activeVersion, set: await this.version(this.activeVersion) };
  }

  /** The flow set of a published version (validated from the store the first time it is asked for). */
  async version(version: number): Promise<FlowSet> {
    const cached = this.versions.get(version);
    if (cached) return cached;
    const row = await this.store.flowVersions.get(version);
    if (!row) throw new Error(`flow version ${version} does not exist`);
    // a published version stays loadable when a file it names (a rich menu image) changed since
    const result = validateFlowSet(this.store.flowVersions.sources(row), { ...this.validation, fileProblems: undefined });
    if (!result.ok) throw new FlowValidationError(result.problems);
    this.versions.set(version, result.set);
    return result.set;
  }

  private async activeSince(version: number, activation: FlowActivationRow | undefined): Promise<ActiveSince> {
    const row = activation?.version === version ? activation : undefined;
    const actor = row?.actor ?? 'unknown';
    const operatorId = actor.startsWith('operator:') ? actor.slice('operator:'.length) : null;
    const [named] = operatorId ? await this.store.operators.names([operatorId]) : [];
    return { version, action: row?.action ?? 'publish', actor, actorName: named?.name ?? actor, at: row?.at ?? 0 };
  }

  private setActive(version: number): void {
    this.activeVersion = version;
    this.activeCheckedAt = this.now();
  }
}
