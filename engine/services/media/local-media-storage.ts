import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { MediaStorage } from './media-storage.ts';

/** Keys are made by Baton (media-fetcher.ts); anything else is refused so no key can leave the folder. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Media in a local folder (BATON_MEDIA_DIR, default ./data/media): the customers' photos and files are as
 * private as the transcripts, so the folder is made 0700 and each file 0600, like the SQLite data folder.
 * A file is written under a temporary name and renamed when complete, so a reader never sees half of one.
 * With several engines the folder must be shared by all of them (see docs/media.md).
 */
export class LocalMediaStorage implements MediaStorage {
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  async put(key: string, content: Readable): Promise<{ size: number }> {
    const file = this.fileOf(key);
    const partial = `${file}.${randomBytes(4).toString('hex')}.part`;
    let size = 0;
    content.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    try {
      await pipeline(content, fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' }));
      await fs.promises.rename(partial, file);
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      throw error;
    }
    return { size };
  }

  async get(key: string): Promise<{ stream: Readable; size: number } | null> {
    const file = this.fileOf(key);
    try {
      const handle = await fs.promises.open(file, 'r');
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size };
    } catch (error) {
      if (error instanceof Error && Reflect.get(error, 'code') === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.fileOf(key), { force: true });
  }

  private fileOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a media storage key: ${JSON.stringify(key.slice(0, 40))}`);
    return path.join(this.dir, key);
  }
}
