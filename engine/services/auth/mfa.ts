/**
 * TOTP (RFC 6238, otplib): 6 digits, 30 s steps, one step of drift either way, each code accepted once.
 * Recovery codes: 10 random codes shown once, kept as SHA-256 hashes, each spent on use.
 */
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const ISSUER = 'Baton';
export const RECOVERY_CODE_COUNT = 10;
const STEP_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export async function enrolment(secret: string, email: string): Promise<{ otpauthUrl: string; qrSvg: string }> {
  const otpauthUrl = generateURI({ issuer: ISSUER, label: email, secret });
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUrl, qrSvg };
}

/** The time step of a valid code at `nowMs` (for replay protection), or null. */
export async function checkTotp(secret: string, code: string, nowMs: number): Promise<number | null> {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const epoch = Math.floor(nowMs / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: STEP_SECONDS });
  // delta: how many steps from now the code matched (the phone's clock may be a step off)
  return result.valid ? Math.floor(epoch / STEP_SECONDS) + result.delta : null;
}

/** `abcd-efgh-jk`: 50 bits each, easy to read out and type */
function recoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length] ?? 'a').join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
}

const normalise = (code: string) => code.trim().toLowerCase().replace(/\s+/g, '');
export const hashRecoveryCode = (code: string): string => createHash('sha256').update(normalise(code)).digest('hex');

export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
  return { codes, hashes: codes.map(hashRecoveryCode) };
}
