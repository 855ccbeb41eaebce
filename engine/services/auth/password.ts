/**
 * Password hashes: argon2id (OWASP's first choice: 19 MiB, 2 passes, 1 lane) from @node-rs/argon2, in PHC
 * format. Hashes made by earlier versions (`scrypt$N$r$p$salt$hash`, N=2^14) still verify, and are replaced
 * by an argon2id hash at the next successful sign-in (needsRehash).
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 hashes with argon2id unless told otherwise
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const ARGON2_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }
  if (stored.startsWith('scrypt$')) return verifyLegacyScrypt(password, stored);
  // an unusable hash (an invited operator who has not chosen a password yet)
  return false;
}

/** true when the stored hash is of an older scheme or weaker parameters than today's */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(ARGON2_PREFIX);
}

/** A value no password verifies against: invited operators have it until they choose their own. */
export function unusableHash(): string {
  return `unusable$${randomBytes(16).toString('base64url')}`;
}

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

async function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hashed] = stored.split('$');
  if (!salt || !hashed) return false;
  const expected = Buffer.from(hashed, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A readable random password: the generated first admin's and one-time passwords from a reset. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
