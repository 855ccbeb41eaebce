const RETENTION_MS = 24 * 60 * 60 * 1000;

interface AcceptedRequest {
  at: number;
  requestId: string;
  sentMessages: { id: string; quoteToken: string }[];
}

/** X-Line-Retry-Key bookkeeping: a key whose request was accepted blocks repeats for 24 hours. */
export class RetryKeys {
  private readonly accepted = new Map<string, AcceptedRequest>();

  constructor(private readonly now: () => number) {}

  /** the earlier accepted request under this key, if still remembered */
  find(key: string): AcceptedRequest | null {
    const found = this.accepted.get(key);
    if (!found) return null;
    if (this.now() - found.at >= RETENTION_MS) {
      this.accepted.delete(key);
      return null;
    }
    return found;
  }

  remember(key: string, request: Omit<AcceptedRequest, 'at'>): void {
    this.accepted.set(key, { ...request, at: this.now() });
  }
}

/** LINE wants a UUID in hexadecimal form. */
export const RETRY_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
