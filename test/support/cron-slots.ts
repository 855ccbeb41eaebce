/**
 * Watching a cron job across engine processes: which schedule slots each engine attempted (from its
 * log) and the job_runs rows of the slots both attempted, once those runs are done.
 */
import type { JobRunRow } from '../../engine/store/repositories/job-runs.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import type { EngineProcess } from './engine-cluster.ts';
import { waitFor } from './wait-for.ts';

export interface SlotAttempt {
  slot: string;
  /** it ran the slot (started) rather than found it taken (skipped) */
  ran: boolean;
}

/** the slots `engine` attempted for `job`, from its log */
export function attempts(engine: EngineProcess, job: string): SlotAttempt[] {
  return engine.logs
    .filter((line) => line.job === job && (line.msg === 'cron job started' || line.msg === 'cron slot skipped'))
    .map((line) => ({ slot: String(line.scheduledFor), ran: line.msg === 'cron job started' }));
}

/** Waits until two engines both attempted at least two slots of `job` and those runs are done. */
export async function slotsAttemptedByBoth(engines: EngineProcess[], store: Store, job: string): Promise<{ slots: string[]; runs: JobRunRow[] }> {
  const slotsSeenByBoth = () => {
    const [a = [], b = []] = engines.map((engine) => attempts(engine, job));
    return a.filter((x) => b.some((y) => y.slot === x.slot)).map((x) => x.slot);
  };
  await waitFor(() => slotsSeenByBoth().length >= 2, 'two slots attempted by both engines', 60_000);
  const slots = slotsSeenByBoth();
  const runs = await waitFor(async () => {
    const rows = (await store.jobRuns.list(job)).filter((r) => slots.includes(new Date(r.scheduled_for).toISOString()));
    return rows.length === slots.length && rows.every((r) => r.status === 'done') && rows;
  }, 'the runs finished', 30_000);
  return { slots, runs };
}
