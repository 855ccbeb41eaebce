/** The engine could not be reached at all: the network is down, or the engine is stopped. */
export class EngineUnreachableError extends Error {
  constructor(options?: ErrorOptions) {
    super("Can't reach Baton: check your connection, or whether Baton is running.", options);
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
