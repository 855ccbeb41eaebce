/**
 * The stickers the composer's picker offers: the same set the engine accepts
 * (engine/services/media/sendable-stickers.ts, which refuses any other with 400). A bot may send only stickers
 * of LINE's sendable list; these are three of its packages, eight stickers each. Change both lists together.
 */
const PACKAGES: readonly { packageId: string; first: number; count: number }[] = [
  { packageId: '446', first: 1988, count: 8 },
  { packageId: '11537', first: 52002734, count: 8 },
  { packageId: '8515', first: 16581242, count: 8 },
];

export interface StickerChoice {
  packageId: string;
  stickerId: string;
}

export const SENDABLE_STICKERS: readonly StickerChoice[] = PACKAGES.flatMap((p) =>
  Array.from({ length: p.count }, (_, i) => ({ packageId: p.packageId, stickerId: String(p.first + i) })),
);

/** LINE's sticker CDN, as the thread shows stickers (docs/security.md) */
export const stickerImageUrl = (stickerId: string): string => `https://stickershop.line-scdn.net/stickershop/v1/sticker/${stickerId}/android/sticker.png`;
