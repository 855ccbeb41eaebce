/** A queued customer has waited longer than the queue allows (its `maxWait.then` step should run). */
import type { QueueDocument } from '../flow/flow-document.ts';

export function maxWaitExceeded(queuedAt: number, now: number, queue: QueueDocument): boolean {
  if (!queue.maxWait) return false;
  return now - queuedAt >= queue.maxWait.minutes * 60_000;
}
