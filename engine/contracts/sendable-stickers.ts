/**
 * The stickers operators may send. A bot may send only the stickers LINE lists as sendable
 * (https://developers.line.biz/en/docs/messaging-api/sticker-list/); LINE answers 400 to any other. The studio's
 * picker shows this small set, and the engine refuses anything outside it before it reaches the outbox. One list
 * for both (the studio imports it), so the picker never offers what the engine refuses.
 */
export interface StickerPackage {
  packageId: string;
  /** the first and last sticker id of the range offered from this package */
  first: number;
  last: number;
}

/** Three packages of LINE's sendable list (Moon, Brown & Cony & Sally, LINE Characters), eight stickers each. */
export const SENDABLE_STICKERS: readonly StickerPackage[] = [
  { packageId: '446', first: 1988, last: 1995 },
  { packageId: '11537', first: 52002734, last: 52002741 },
  { packageId: '8515', first: 16581242, last: 16581249 },
];

/** Every sticker of the set as LINE's ids. */
export function sendableStickerList(): { packageId: string; stickerId: string }[] {
  return SENDABLE_STICKERS.flatMap((p) => Array.from({ length: p.last - p.first + 1 }, (_, i) => ({ packageId: p.packageId, stickerId: String(p.first + i) })));
}

export function isSendableSticker(packageId: string, stickerId: string): boolean {
  if (!/^[0-9]{1,12}$/.test(stickerId)) return false;
  const id = Number(stickerId);
  return SENDABLE_STICKERS.some((p) => p.packageId === packageId && id >= p.first && id <= p.last);
}

/** LINE's sticker CDN: where the studio shows a sticker from (docs/security.md: the studio's img-src allows it) */
export const stickerImageUrl = (stickerId: string): string => `https://stickershop.line-scdn.net/stickershop/v1/sticker/${stickerId}/android/sticker.png`;
