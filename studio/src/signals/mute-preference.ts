/**
 * Whether an operator muted the inbox's sound and desktop notifications. Kept in this browser's
 * localStorage, keyed by operator: muting is about the device and the room it is in (a shared office
 * screen muted, a laptop at home not), which a preference on the engine would carry everywhere. Two
 * people signing in on one browser keep their own choice.
 */
const key = (operatorId: string) => `baton.signals.muted.${operatorId}`;

export function isMuted(operatorId: string): boolean {
  try {
    return localStorage.getItem(key(operatorId)) === 'true';
  } catch {
    return false;
  }
}

export function setMuted(operatorId: string, muted: boolean): void {
  try {
    if (muted) localStorage.setItem(key(operatorId), 'true');
    else localStorage.removeItem(key(operatorId));
  } catch {
    // storage disabled: the choice lasts for this page only (the toggle keeps it)
  }
}
