import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';
import { parseJson } from './json-column.ts';

/** 'flows' in ASCII: the advisory lock publishers take turns on. */
const PUBLISH_LOCK_KEY = 0x666c6f7773;

export interface FlowVersionRow {
  version: number;
  documents: string;
  checksum: string;
  active: boolean | number;
  published_by: string;
  published_at: number;
  /** why it was published (the studio asks for one); null for the flows folder and older versions */
  note: string | null;
}

export interface FlowActivationRow {
  id: number;
  version: number;
  action: 'publish' | 'activate';
  actor: string;
  at: number;
}

export interface StoredFlowSource {
  file: string;
  source: string;
}

/** Published flow sets: immutable rows, exactly one active, every activation recorded (who, when). */
export class FlowVersionsRepo {
  constructor(private readonly db: Knex) {}

  active(): Promise<FlowVersionRow | undefined> {
    return this.db<FlowVersionRow>('flow_versions').where({ active: true }).first();
  }

  get(version: number): Promise<FlowVersionRow | undefined> {
    return this.db<FlowVersionRow>('flow_versions').where({ version }).first();
  }

  sources(row: FlowVersionRow): StoredFlowSource[] {
    return parseJson<StoredFlowSource[]>(row.documents, []);
  }

  /** Newest first, without the documents. */
  list(): Promise<Omit<FlowVersionRow, 'documents'>[]> {
    return this.db<FlowVersionRow>('flow_versions').select('version', 'checksum', 'active', 'published_by', 'published_at', 'note').orderBy('version', 'desc');
  }

  /** The newest activation (a publish or a rollback): who made the active version active, and when. */
  lastActivation(): Promise<FlowActivationRow | undefined> {
    return this.db<FlowActivationRow>('flow_activations').orderBy('id', 'desc').first();
  }

  activations(limit = 100): Promise<FlowActivationRow[]> {
    return this.db<FlowActivationRow>('flow_activations').orderBy('id', 'desc').limit(limit);
  }

  /**
   * Holds off other publishers until this transaction ends: engines starting together on one Postgres
   * would otherwise all see "nothing active" and all insert version 1. SQLite has one writer already.
   */
  async lockForPublishing(): Promise<void> {
    if (isPostgres(this.db)) await this.db.raw('select pg_advisory_xact_lock(?::bigint)', [PUBLISH_LOCK_KEY]);
  }

  /** Publishes a new version and makes it the active one. Call inside a transaction. */
  async publish(sources: StoredFlowSource[], checksum: string, publishedBy: string, now: number, note: string | null = null): Promise<number> {
    const last = await this.db('flow_versions').max<{ v: number | null }[]>({ v: 'version' }).first();
    const version = Number(last?.v ?? 0) + 1;
    await this.db('flow_versions').update({ active: false }).where({ active: true });
    await this.db('flow_versions').insert({
      version,
      documents: JSON.stringify(sources),
      checksum,
      active: true,
      published_by: publishedBy,
      published_at: now,
      note,
    });
    await this.db('flow_activations').insert({ version, action: 'publish', actor: publishedBy, at: now });
    return version;
  }

  /** Makes an existing version the active one (a rollback or roll-forward). Call inside a transaction. */
  async activate(version: number, actor: string, now: number): Promise<boolean> {
    if (!(await this.get(version))) return false;
    await this.db('flow_versions').update({ active: false }).where({ active: true });
    await this.db('flow_versions').update({ active: true }).where({ version });
    await this.db('flow_activations').insert({ version, action: 'activate', actor, at: now });
    return true;
  }
}
