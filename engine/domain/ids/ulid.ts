import { randomBytes } from 'node:crypto';

/** Crockford's base32, the ULID alphabet (no I, L, O, U). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_BYTES = 10; // 80 bits = 16 base32 chars
const MAX_TIME = 2 ** 48 - 1;

/** A ULID: 26 Crockford base32 characters, as LINE uses for `webhookEventId` (and Baton for conversation ids). */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export function isUlid(value: string): boolean {
  return ULID_PATTERN.test(value);
}

let lastTime = -1;
let lastRandom: Buffer = Buffer.alloc(RANDOM_BYTES);

/**
 * A monotonic ULID: within one millisecond (or when the clock steps back, as an injected test
 * clock may) the random part is incremented instead of redrawn, so ids made in one process
 * always sort in creation order, which is what ordering by id relies on.
 */
export function ulid(time: number = Date.now()): string {
  if (!Number.isInteger(time) || time < 0 || time > MAX_TIME) {
    throw new RangeError(`ulid: time must be an integer between 0 and 2^48-1, got ${time}`);
  }
  if (time > lastTime) {
    lastTime = time;
    lastRandom = randomBytes(RANDOM_BYTES);
  } else {
    lastRandom = increment(lastRandom);
  }
  return encodeTime(lastTime) + encodeRandom(lastRandom);
}

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Buffer): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = ALPHABET.charAt(Number(value & 31n)) + out;
    value >>= 5n;
  }
  return out;
}

/** Adds one to the 80-bit random part; overflow is astronomically unlikely, but must not wrap silently. */
function increment(bytes: Buffer): Buffer {
  const next = Buffer.from(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    const byte = next[i] ?? 0;
    if (byte < 255) {
      next[i] = byte + 1;
      return next;
    }
    next[i] = 0;
  }
  throw new Error('ulid: random part overflowed within one millisecond');
}
