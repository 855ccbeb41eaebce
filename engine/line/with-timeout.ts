import { LineApiError } from './line-api-error.ts';

/** The caller stopped waiting (shutdown): like a timeout, the request may still reach LINE. */
export class LineCallAbortedError extends LineApiError {
  constructor(operation: string) {
    super(`LINE ${operation} abandoned (outcome unknown)`, { status: null, retryable: true });
  }
}

/**
 * Gives up waiting for an SDK call after `timeoutMs`, or as soon as `signal` aborts.
 *
 * Why a race and not an AbortSignal: @line/bot-sdk 11 calls the global `fetch` itself and accepts
 * no signal, no custom fetch and no dispatcher (its HTTP client is a private field). The only ways
 * to truly cancel would be to patch `globalThis.fetch` or undici's global dispatcher, which would
 * change every other fetch in the process, or to reach into the SDK's private field, which breaks
 * on any SDK update. So we stop *waiting*, honestly: the abandoned request keeps running in the
 * background (until LINE answers or undici's own 300 s header timeout) and may still be accepted.
 * That is why a timeout or an abort is reported as status null ("unknown outcome"): a push is retried
 * with the same X-Line-Retry-Key, so a late acceptance turns the retry into a 409 instead of a
 * duplicate; a reply is never retried, and its caller must treat the message as possibly delivered.
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, operation: string, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new LineApiError(`LINE ${operation} timed out after ${timeoutMs} ms (outcome unknown)`, {
          status: null,
          retryable: true,
        }),
      );
    }, timeoutMs);
    onAbort = () => reject(new LineCallAbortedError(operation));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    // Promise.race subscribes to `work`, so its late rejection is never an unhandled one.
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
