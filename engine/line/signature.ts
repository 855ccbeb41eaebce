import { createHmac } from 'node:crypto';
import { validateSignature } from '@line/bot-sdk';

/**
 * Checks `x-line-signature` against the raw request bytes. The body must be the bytes as received:
 * JSON that was parsed and re-serialised never matches.
 *
 * @example verifyLineSignature(rawBody, config.lineChannelSecret, req.headers['x-line-signature'])
 */
export function verifyLineSignature(
  rawBody: Buffer | string,
  channelSecret: string,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  return validateSignature(rawBody, channelSecret, signature);
}

/** The signature LINE would send for this body: base64 HMAC-SHA256 keyed by the channel secret.
 * Used by the sandbox (which plays LINE) and by tests. */
export function signLineBody(rawBody: Buffer | string, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(rawBody).digest('base64');
}
