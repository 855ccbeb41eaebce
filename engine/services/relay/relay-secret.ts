/**
 * A target's signing secret: 32 random bytes, base64url. The target checks each relayed body with it exactly
 * as it would check LINE's (the SDK's validateSignature(body, secret, x-line-signature)).
 */
import { randomBytes } from 'node:crypto';
import { signLineBody } from '../../line/signature.ts';

export function newRelaySecret(): string {
  return randomBytes(32).toString('base64url');
}

/** the x-line-signature of `body` for a target holding `secret` */
export const signRelayBody = (body: string, secret: string): string => signLineBody(body, secret);
