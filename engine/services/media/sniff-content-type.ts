/**
 * The content type of fetched media, read from its first bytes rather than believed from a header: the
 * studio shows images, video and audio inline, so only formats recognised here are served as such, and
 * anything else is served as a download (application/octet-stream). SVG and HTML are never recognised:
 * they can carry script.
 */

interface Signature {
  type: string;
  /** true when the bytes start as this format */
  test(head: Buffer): boolean;
}

const ascii = (head: Buffer, offset: number, text: string) => head.subarray(offset, offset + text.length).toString('latin1') === text;
const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);
/** ISO base media (MP4, MOV, M4A): a `ftyp` box whose brand says which */
const ftypBrand = (head: Buffer): string | null => (ascii(head, 4, 'ftyp') ? head.subarray(8, 12).toString('latin1') : null);

const SIGNATURES: readonly Signature[] = [
  { type: 'image/jpeg', test: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { type: 'image/png', test: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/gif', test: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a') },
  { type: 'image/webp', test: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP') },
  { type: 'audio/mp4', test: (h) => ['M4A ', 'M4B '].includes(ftypBrand(h) ?? '') },
  { type: 'video/quicktime', test: (h) => ftypBrand(h) === 'qt  ' },
  { type: 'video/mp4', test: (h) => ftypBrand(h) !== null },
  { type: 'audio/mpeg', test: (h) => ascii(h, 0, 'ID3') || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0 && ((h[1] ?? 0) & 0x06) !== 0) },
  { type: 'audio/aac', test: (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xf6) === 0xf0 },
  { type: 'audio/ogg', test: (h) => ascii(h, 0, 'OggS') },
  { type: 'audio/wav', test: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WAVE') },
  { type: 'audio/amr', test: (h) => ascii(h, 0, '#!AMR') },
  { type: 'application/pdf', test: (h) => ascii(h, 0, '%PDF-') },
  { type: 'application/zip', test: (h) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) },
];

/** How many first bytes sniffing needs. */
export const SNIFF_BYTES = 16;

export const UNKNOWN_CONTENT_TYPE = 'application/octet-stream';

/** The recognised content type of bytes starting with `head`, else application/octet-stream. */
export function sniffContentType(head: Buffer): string {
  return SIGNATURES.find((s) => s.test(head))?.type ?? UNKNOWN_CONTENT_TYPE;
}

/** Whether the studio may show this type inline (an <img>, <video> or <audio>); everything else downloads. */
export function isInlineType(contentType: string): boolean {
  return /^(image|video|audio)\//.test(contentType);
}
