/**
 * The part of a shutdown that deals with claimed work. Whatever is in hand (events being handled,
 * batches being sent, a cron run) gets `waitMs` to finish; a LINE that hangs must not hold the
 * stop until the process is killed with its claims still held. What has not finished by then is
 * abandoned and handed back: events go back to pending (the abandoned handler can no longer mark
 * them done, so its transaction rolls back), batches go to another engine's outbox at once.
 */
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';

export interface StoppableWork {
  /** stops taking work and resolves once the work in hand is finished */
  stop(): Promise<void>;
}

/** true when `work` settled within `ms`; an abandoned promise's later failure is ignored */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const abandoned = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => true), abandoned]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops `work` in order (each part may still hand work to the next: a handled event's answers go to
 * the outbox), all within `waitMs`; every part is told to stop, even once the time is up, so none
 * claims anything more. Then whatever this engine still holds is handed back.
 */
export async function finishOrHandBack(work: (StoppableWork | null)[], store: Store, owner: string, waitMs: number, logger: Logger): Promise<void> {
  const deadline = performance.now() + waitMs;
  let finished = true;
  for (const part of work) {
    if (part && !(await settledWithin(part.stop(), Math.max(0, deadline - performance.now())))) finished = false;
  }
  const events = await store.webhookEvents.countHeldBy(owner);
  await store.webhookEvents.release(owner);
  const batches = await store.messages.releaseBatches(owner);
  if (!finished || events > 0 || batches.released + batches.uncertain > 0) {
    logger.warn({ waitedMs: waitMs, finished, events, batches: batches.released, repliesUncertain: batches.uncertain }, 'work still in hand at shutdown handed back');
  }
}
