/**
 * LINE's Flex keywords as CSS: the named sizes of texts, icons and images, spacing and margins, and the
 * pixel or percent values LINE also accepts. Numbers are what the LINE app draws on a phone, near enough
 * for a preview; anything else LINE does not know gives undefined (the browser's default).
 */

const TEXT_SIZES: Record<string, string> = { xxs: '11px', xs: '13px', sm: '14px', md: '16px', lg: '19px', xl: '22px', xxl: '29px', '3xl': '35px', '4xl': '48px', '5xl': '74px' };
const IMAGE_SIZES: Record<string, string> = { xxs: '40px', xs: '60px', sm: '80px', md: '100px', lg: '120px', xl: '140px', xxl: '160px', '3xl': '180px', '4xl': '200px', '5xl': '240px', full: '100%' };
const SPACES: Record<string, string> = { none: '0px', xs: '2px', sm: '4px', md: '8px', lg: '12px', xl: '16px', xxl: '20px' };
const BUBBLE_WIDTHS: Record<string, string> = { nano: '120px', micro: '160px', deca: '220px', hecto: '241px', kilo: '260px', mega: '300px', giga: '386px' };

const LENGTH = /^\d{1,4}(\.\d{1,2})?(px|%)$/;
const COLOR = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

const keyword = (table: Record<string, string>, value: unknown): string | undefined => (typeof value === 'string' ? (Object.hasOwn(table, value) ? table[value] : LENGTH.test(value) ? value : undefined) : undefined);

export const textSize = (value: unknown) => keyword(TEXT_SIZES, value);
export const imageSize = (value: unknown) => keyword(IMAGE_SIZES, value);
export const space = (value: unknown) => keyword(SPACES, value);
export const bubbleWidth = (value: unknown) => keyword(BUBBLE_WIDTHS, value) ?? BUBBLE_WIDTHS.mega;
/** a Flex colour (#RGB, #RRGGBB, #RRGGBBAA); anything else is dropped, never put in a style */
export const color = (value: unknown): string | undefined => (typeof value === 'string' && COLOR.test(value) ? value : undefined);
export const length = (value: unknown): string | undefined => (typeof value === 'string' && LENGTH.test(value) ? value : undefined);

/** "20:13" -> "20 / 13" for CSS aspect-ratio */
export function aspectRatio(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^(\d{1,5}):(\d{1,5})$/.exec(value) : null;
  return match ? `${match[1]} / ${match[2]}` : undefined;
}

/** an https:// URL the browser may load, else null (the component shows a placeholder) */
export function httpsUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
