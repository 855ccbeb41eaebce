/** What a new password must be: long enough (NIST 800-63B: length, not composition rules), and not the email. */
import { badRequest } from '../../errors.ts';

export const MIN_PASSWORD_LENGTH = 8;

export function checkNewPassword(password: string, email: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw badRequest('weak_password', `A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) throw badRequest('weak_password', 'A password must not be the email address');
}
