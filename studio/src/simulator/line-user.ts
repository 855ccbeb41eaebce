/** A LINE-shaped user id: "U" and 32 lowercase hex digits. */
export function randomLineUserId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `U${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const isLineUserId = (value: string): boolean => /^U[0-9a-f]{32}$/.test(value);

/** localStorage that tolerates being disabled */
export const stored = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      localStorage.setItem(key, value);
    } catch {
      // the value then lasts for this page only
    }
  },
};
