import { randomBytes } from 'node:crypto';

/** Random tokens and ids in the formats LINE uses, so code that stores them sees realistic values. */

/** 32 hex characters, like LINE reply tokens */
export function hexToken(): string {
  return randomBytes(16).toString('hex');
}

/** opaque url-safe token, like quoteToken and markAsReadToken */
export function opaqueToken(): string {
  return randomBytes(24).toString('base64url');
}

/** 'U' + 32 hex characters, the shape of a LINE user id */
export function fakeUserId(): string {
  return `U${randomBytes(16).toString('hex')}`;
}

/** LINE message ids are numeric strings of about 18 digits, increasing */
export function createMessageIds(start: bigint = 500_000_000_000_000_000n): () => string {
  let next = start;
  return () => {
    next += 1n;
    return next.toString();
  };
}

export function randomRequestId(): string {
  return randomBytes(16).toString('hex');
}
