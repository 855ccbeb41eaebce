/**
 * Outbound batches waiting for a free sending slot, kept per customer in the order they were written.
 * Customers take turns (round robin), so one customer with many batches does not hold up the others.
 * Bounded: past `capacity` a batch is not queued here; it stays pending in the store, where the
 * outbox sweep finds it once the backlog shrinks.
 */

/** One LINE request's worth of rows: the rows sharing a retry key. */
export interface QueuedBatch {
  retryKey: string;
  customerId: string;
  /** the batch's first message id: batches of one customer go out in this order */
  firstId: number;
}

export class SendQueue {
  private readonly byCustomer = new Map<string, QueuedBatch[]>();
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.keys.size;
  }

  has(retryKey: string): boolean {
    return this.keys.has(retryKey);
  }

  hasQueued(customerId: string): boolean {
    return this.byCustomer.has(customerId);
  }

  /** false when the batch is queued already or the queue is full */
  add(batch: QueuedBatch): boolean {
    if (this.keys.has(batch.retryKey) || this.keys.size >= this.capacity) return false;
    const line = this.byCustomer.get(batch.customerId) ?? [];
    // batches usually arrive in order; one found later by the sweep may belong further up
    let at = line.length;
    while (at > 0 && (line[at - 1]?.firstId ?? 0) > batch.firstId) at--;
    line.splice(at, 0, batch);
    this.byCustomer.set(batch.customerId, line);
    this.keys.add(batch.retryKey);
    return true;
  }

  /** The next batch of the first customer in turn who is not `busy` (sending already), or null. */
  take(busy: (customerId: string) => boolean): QueuedBatch | null {
    for (const [customerId, line] of this.byCustomer) {
      if (busy(customerId)) continue;
      const batch = line.shift();
      // to the back of the turn order, or out of it when nothing is left
      this.byCustomer.delete(customerId);
      if (line.length > 0) this.byCustomer.set(customerId, line);
      if (!batch) continue;
      this.keys.delete(batch.retryKey);
      return batch;
    }
    return null;
  }

  clear(): void {
    this.byCustomer.clear();
    this.keys.clear();
  }
}
