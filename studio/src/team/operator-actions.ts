import { msg, str } from '@lit/localize';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';

/** What an admin can do to someone else's account from the Team list, each after a confirmation. */
export const OperatorAction = {
  RESET_PASSWORD: 'reset-password',
  RESET_MFA: 'reset-mfa',
  DEACTIVATE: 'deactivate',
  REACTIVATE: 'reactivate',
} as const;
export type OperatorAction = (typeof OperatorAction)[keyof typeof OperatorAction];

interface Confirmation {
  title: string;
  text: string;
  confirm: string;
  danger: boolean;
}

export function confirmationFor(action: OperatorAction, o: OperatorDto): Confirmation {
  switch (action) {
    case OperatorAction.RESET_PASSWORD:
      return {
        title: msg(str`Reset ${o.name}’s password?`),
        text: msg('They are signed out everywhere at once. You get a one-time password to pass on; they choose their own at their next sign-in.'),
        confirm: msg('Reset password'),
        danger: true,
      };
    case OperatorAction.RESET_MFA:
      return {
        title: msg(str`Turn off two-step sign-in for ${o.name}?`),
        text: msg('For a lost or replaced phone: they sign in with their password alone and can set up their app again from their account page.'),
        confirm: msg('Reset two-step sign-in'),
        danger: true,
      };
    case OperatorAction.DEACTIVATE:
      return {
        title: msg(str`Deactivate ${o.name}?`),
        text: msg('They are signed out at once and cannot sign in again until reactivated. Their open conversations go back to the waiting queue.'),
        confirm: msg('Deactivate'),
        danger: true,
      };
    case OperatorAction.REACTIVATE:
      return {
        title: msg(str`Reactivate ${o.name}?`),
        text: msg('They can sign in again with their password.'),
        confirm: msg('Reactivate'),
        danger: false,
      };
  }
}
