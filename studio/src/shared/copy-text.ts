/**
 * Copies text to the clipboard. False when the browser refuses (no permission, or not a secure context:
 * the clipboard API needs https or localhost); the caller then says to copy it by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
