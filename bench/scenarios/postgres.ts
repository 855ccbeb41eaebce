/**
 * Scenario 7: ingest and end to end again, on a Postgres database of the bench's own (created on
 * the server at 127.0.0.1:5432 and dropped afterwards). With REDIS_URL set, the engine gets it too.
 */
import { postgresReachable, POSTGRES_ADMIN_URL } from '../lib/bench-database.ts';
import type { ScenarioContext } from '../lib/scenario.ts';
import { e2eOn } from './e2e.ts';
import { ingestOn } from './ingest.ts';

export async function postgres(ctx: ScenarioContext): Promise<void> {
  if (!(await postgresReachable())) throw new Error(`Postgres is not reachable at ${POSTGRES_ADMIN_URL.replace(/:[^:@/]*@/, ':***@')}`);
  await ingestOn(ctx, 'postgres');
  await e2eOn(ctx, 'postgres');
}
