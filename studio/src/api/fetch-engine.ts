import { msg } from '@lit/localize';

/** The engine could not be reached at all: the network is down, or the engine is stopped. */
export class EngineUnreachableError extends Error {
  constructor(options?: ErrorOptions) {
    // the studio's own words (no answer came), so in the studio's language at the moment it failed
    super(msg("Can't reach Baton: check your connection, or whether Baton is running."), options);
    this.name = 'EngineUnreachableError';
  }
}

/**
 * fetch, with a request that never got an answer thrown as EngineUnreachableError instead of the
 * browser's own words ("Failed to fetch", "NetworkError when attempting to fetch resource", "Load failed").
 * A request its caller aborted still rejects with the abort reason.
 */
export async function fetchEngine(input: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new EngineUnreachableError({ cause: error });
  }
}
