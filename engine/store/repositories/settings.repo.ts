import type { Knex } from 'knex';

/** Small key/value facts the engine generates once and keeps (e.g. the token signing key). */
export class SettingsRepo {
  constructor(private readonly db: Knex) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db<{ key: string; value: string }>('settings').where({ key }).first();
    return row?.value ?? null;
  }

  /** Stores the value unless the key exists; returns whichever value is stored (first writer wins). */
  async getOrInsert(key: string, value: string): Promise<string> {
    await this.db('settings').insert({ key, value }).onConflict('key').ignore();
    return (await this.get(key)) ?? value;
  }

  /** Stores or replaces a value (settings an admin changes). */
  async set(key: string, value: string): Promise<void> {
    await this.db('settings').insert({ key, value }).onConflict('key').merge();
  }
}
