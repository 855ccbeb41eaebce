import { msg, str } from '@lit/localize';
import type { SessionEndReason } from '../../../engine/contracts/socket-events.ts';

/** Why the studio left a session: the login page says so (except when the person chose to). */
export const SignOutReason = {
  /** pressed Sign out */
  USER: 'user',
  /** no input for the idle timeout */
  IDLE: 'idle',
  /** pressed Sign out in another tab */
  OTHER_TAB: 'other-tab',
  /** the engine refused to refresh the session */
  EXPIRED: 'expired',
  /** the engine ended the session: signed out elsewhere, password changed, deactivated, idle */
  SIGNED_OUT: 'signed_out',
  /** the engine revoked the session (e.g. a refresh token used twice) */
  REVOKED: 'revoked',
} as const satisfies Record<string, string | Extract<SessionEndReason, 'signed_out' | 'revoked'>>;
export type SignOutReason = (typeof SignOutReason)[keyof typeof SignOutReason];

/** What the login page tells the person (in the studio's language as they leave), or null when they signed out themselves. */
export function signOutNotice(reason: SignOutReason, idleTimeoutSeconds: number): string | null {
  switch (reason) {
    case SignOutReason.USER:
      return null;
    case SignOutReason.IDLE: {
      const minutes = Math.max(1, Math.round(idleTimeoutSeconds / 60));
      return minutes === 1
        ? msg('You were signed out after 1 minute without activity.')
        : msg(str`You were signed out after ${minutes} minutes without activity.`);
    }
    case SignOutReason.OTHER_TAB:
      return msg('You signed out in another tab.');
    case SignOutReason.EXPIRED:
      return msg('Your session has ended. Sign in again.');
    case SignOutReason.SIGNED_OUT:
    case SignOutReason.REVOKED:
      return msg('Your session was ended: you were signed out elsewhere, or your account was changed. Sign in again.');
  }
}
