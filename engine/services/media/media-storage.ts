import type { Readable } from 'node:stream';

/**
 * Where fetched media bytes are kept. One small interface so a deployment can put them elsewhere (a bucket,
 * a shared volume); the built-in one is a local folder (local-media-storage.ts).
 */
export interface MediaStorage {
  /** writes the stream under `key` (replacing what was there); resolves the bytes written once all are kept */
  put(key: string, content: Readable): Promise<{ size: number }>;
  /** the bytes under `key`, or null when there are none */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** forgets `key`; nothing there is not an error */
  delete(key: string): Promise<void>;
}
