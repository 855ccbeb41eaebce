/**
 * The engine's password rules, checked before sending so the person hears at once (the engine checks
 * again): 8 to 200 characters, not the email, typed the same twice. Null when fine.
 */
export function passwordProblem(password: string, repeat: string, email: string): string | null {
  if (password.length < 8) return 'The password needs at least 8 characters.';
  if (password.length > 200) return 'The password can have at most 200 characters.';
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'The password cannot be your email address.';
  if (password !== repeat) return 'The two passwords are not the same.';
  return null;
}
