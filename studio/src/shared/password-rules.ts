/**
 * The engine's password rules, checked before sending so the person hears at once, in the studio's
 * language (the engine checks again): 8 to 200 characters, not the email, typed the same twice. Null
 * when fine.
 */
import { msg } from '@lit/localize';

export function passwordProblem(password: string, repeat: string, email: string): string | null {
  if (password.length < 8) return msg('The password needs at least 8 characters.');
  if (password.length > 200) return msg('The password can have at most 200 characters.');
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return msg('The password cannot be your email address.');
  if (password !== repeat) return msg('The two passwords are not the same.');
  return null;
}
