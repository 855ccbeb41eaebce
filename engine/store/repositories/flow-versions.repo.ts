import type { Knex } from 'knex';

export interface FlowVersionRow {
  version: number;
  documents: string;
  checksum: string;
  active: boolean | number;
  published_by: string;
  published_at: number;
}

/** Published flow sets: immutable rows, exactly one active. */
export class FlowVersionsRepo {
  constructor(private readonly db: Knex) {}

  active(): Promise<FlowVersionRow | undefined> {
    return this.db<FlowVersionRow>('flow_versions').where({ active: true }).first();
  }

  get(version: number): Promise<FlowVersionRow | undefined> {
    return this.db<FlowVersionRow>('flow_versions').where({ version }).first();
  }

  /** Publishes a new version and makes it the active one. Call inside a transaction. */
  async publish(documents: string, checksum: string, publishedBy: string, now: number): Promise<number> {
    const last = await this.db('flow_versions').max<{ v: number | null }[]>({ v: 'version' }).first();
    const version = Number(last?.v ?? 0) + 1;
    await this.db('flow_versions').update({ active: false }).where({ active: true });
    await this.db('flow_versions').insert({
      version,
      documents,
      checksum,
      active: true,
      published_by: publishedBy,
      published_at: now,
    });
    return version;
  }
}
