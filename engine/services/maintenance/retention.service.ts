/**
 * Keeps the store from growing forever. Processed webhook events are only a record once handled
 * (the messages they produced are kept), so they go after `days`; audit entries after `auditDays`
 * (BATON_AUDIT_RETENTION_DAYS); sessions that ended, and the records of cron runs that ended, more than
 * `days` ago (the every-minute jobs alone record about 2,900 runs a day). Webhook events are deleted in
 * small batches so no statement holds locks for long while engines keep claiming new events.
 */
import type { Store } from '../../store/store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 1_000;

export interface RetentionResult {
  deletedWebhookEvents: number;
  deletedAuditEntries: number;
  deletedSessions: number;
  deletedJobRuns: number;
  /** events processed before this time were deleted */
  cutoff: number;
}

export class RetentionService {
  constructor(
    private readonly store: Store,
    private readonly days: number,
    private readonly auditDays: number,
  ) {}

  async purge(now: number, signal?: AbortSignal): Promise<RetentionResult> {
    const cutoff = now - this.days * DAY_MS;
    let deletedWebhookEvents = 0;
    for (;;) {
      if (signal?.aborted) break;
      const deleted = await this.store.webhookEvents.deleteDoneBefore(cutoff, BATCH);
      deletedWebhookEvents += deleted;
      if (deleted < BATCH) break;
    }
    const deletedAuditEntries = signal?.aborted ? 0 : await this.store.audit.deleteBefore(now - this.auditDays * DAY_MS);
    const deletedSessions = signal?.aborted ? 0 : await this.store.sessions.deleteEndedBefore(cutoff);
    const deletedJobRuns = signal?.aborted ? 0 : await this.store.jobRuns.deleteEndedBefore(cutoff);
    return { deletedWebhookEvents, deletedAuditEntries, deletedSessions, deletedJobRuns, cutoff };
  }
}
