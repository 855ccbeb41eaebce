/** Waits for slow answers that can all be cut short when the fake shuts down. */
export class Delays {
  private readonly pending = new Set<() => void>();

  /** resolves true after ms, or false as soon as cancelAll() runs */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = (): void => {
        clearTimeout(timer);
        this.pending.delete(cancel);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.pending.delete(cancel);
        resolve(true);
      }, ms);
      this.pending.add(cancel);
    });
  }

  cancelAll(): void {
    for (const cancel of [...this.pending]) cancel();
  }
}
