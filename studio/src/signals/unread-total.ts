/**
 * The operator's unread total, for the browser tab's title. The inbox sets it while it is open (it alone
 * hears the socket); the app shell listens and writes the title.
 */
class UnreadTotal extends EventTarget {
  #value = 0;

  get value(): number {
    return this.#value;
  }

  set(value: number): void {
    if (value === this.#value) return;
    this.#value = value;
    this.dispatchEvent(new Event('change'));
  }
}

export const unreadTotal = new UnreadTotal();
