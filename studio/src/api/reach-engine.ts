import { ApiRequestError } from './api-error.ts';
import { connection } from './connection-status.ts';
import { outageOf } from './outage.ts';

const READ_METHODS = new Set(['GET', 'HEAD']);

/** One call, its outcome told to the connection status: an answer (even a 404) means the engine is there. */
export async function reportReach<T>(call: () => Promise<T>): Promise<T> {
  try {
    const result = await call();
    connection.reached();
    return result;
  } catch (error) {
    const outage = outageOf(error);
    if (outage) connection.failed(outage);
    else if (error instanceof ApiRequestError) connection.reached();
    throw error;
  }
}

/**
 * A call to the engine that rides out outages when it is safe to. A read (GET, HEAD) that finds the
 * engine unreachable or busy (503) waits for the connection's next round and tries again, until it
 * gets through or its signal aborts. A write is tried once: sending a message or closing a chat twice
 * behind the operator's back is worse than telling them it did not go through.
 */
export async function reachEngine(init: RequestInit, call: () => Promise<Response>): Promise<Response> {
  const read = READ_METHODS.has((init.method ?? 'GET').toUpperCase());
  for (;;) {
    try {
      return await reportReach(call);
    } catch (error) {
      if (!read || !outageOf(error)) throw error;
      await connection.nextRound(init.signal ?? undefined);
    }
  }
}
