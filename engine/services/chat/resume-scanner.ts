/**
 * Wakes flows whose wait step is due by raising a resume event per customer; the event table makes
 * it exactly once even when every engine scans (the event id is the customer and the due time).
 */
import type { Store } from '../../store/store.ts';
import { InternalEventType, raiseInternalEvent } from './internal-events.ts';

export class ResumeScanner {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly onRaised: () => void,
  ) {}

  async scan(limit = 200): Promise<number> {
    const now = this.now();
    let raised = 0;
    for (const customer of await this.store.customers.dueResumes(now, limit)) {
      const at = customer.flow_resume_at;
      if (at === null) continue;
      const stored = await raiseInternalEvent(
        this.store,
        { type: InternalEventType.RESUME, timestamp: at, source: { type: 'user', userId: customer.line_user_id } },
        `${customer.id}:${at}`,
        now,
        customer.channel_id,
      );
      // the processed resume saves the next state; until then do not raise it again
      await this.store.customers.clearResume(customer.id, at);
      if (stored) raised += 1;
    }
    if (raised > 0) this.onRaised();
    return raised;
  }
}
