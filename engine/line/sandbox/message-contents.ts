import { crc32, deflateSync } from 'node:zlib';

/** A message's content as the fake's data API serves it. */
export interface FakeContent {
  data: Buffer;
  contentType: string;
}

/**
 * The content of the media messages users sent (images, video, audio, files), by LINE message id, for
 * GET /v2/bot/message/{messageId}/content. LINE keeps content only for a while: `expire` forgets one, and
 * the data API then answers 404, as LINE does for content it no longer has (or never had).
 */
export class MessageContents {
  private readonly contents = new Map<string, FakeContent>();

  keep(messageId: string, content: FakeContent): void {
    this.contents.set(messageId, content);
  }

  find(messageId: string): FakeContent | null {
    return this.contents.get(messageId) ?? null;
  }

  expire(messageId: string): void {
    this.contents.delete(messageId);
  }
}

/** The simulator's "image" and a test's default: a 96x96 PNG of LINE's green fading to white, made here. */
export const SAMPLE_PNG = gradientPng(96);

function gradientPng(side: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) {
    const row = Buffer.alloc(1 + side * 3);
    for (let x = 0; x < side; x++) {
      const fade = (x + y) / (2 * side);
      row.set([Math.round(6 + 249 * fade), Math.round(199 + 56 * fade), Math.round(85 + 170 * fade)], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
