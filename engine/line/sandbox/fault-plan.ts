import type { InjectedFailure } from './fake-line-types.ts';

/** Failures queued per path by tests; each request to the path takes the next one. */
export class FaultPlan {
  private readonly queued = new Map<string, { failure: InjectedFailure; left: number }[]>();

  add(path: string, failure: InjectedFailure): void {
    const times = failure.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`failNext: times must be >= 1, got ${times}`);
    const queue = this.queued.get(path) ?? [];
    queue.push({ failure, left: times });
    this.queued.set(path, queue);
  }

  take(path: string): InjectedFailure | null {
    const queue = this.queued.get(path);
    const head = queue?.[0];
    if (!queue || !head) return null;
    head.left -= 1;
    if (head.left === 0) queue.shift();
    return head.failure;
  }

  /** Forgets every queued failure (LINE is healthy again). */
  clear(): void {
    this.queued.clear();
  }
}
