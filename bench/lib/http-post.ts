/** POSTs over keep-alive connections without fetch's overhead; the load generator's CPU is the server's CPU. */
import http from 'node:http';

export class HttpPoster {
  private readonly agent: http.Agent;
  private readonly target: URL;
  errors = 0;
  lastError: string | null = null;

  constructor(baseUrl: string, maxSockets = 64) {
    this.target = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** resolves with the status code (0 on a network error or after timeoutMs without an answer) */
  post(path: string, body: string, headers: Record<string, string> = {}, timeoutMs = 30_000, retry = true): Promise<number> {
    return new Promise((resolve) => {
      const request = http.request(
        {
          agent: this.agent,
          timeout: timeoutMs,
          host: this.target.hostname,
          port: this.target.port,
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 300) {
              this.errors++;
              this.lastError = `${path}: HTTP ${status}`;
            }
            resolve(status);
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', (error: NodeJS.ErrnoException) => {
        // a kept-alive connection the server closed just as it was reused: send again on a fresh one
        if (retry && request.reusedSocket && error.code === 'ECONNRESET') {
          resolve(this.post(path, body, headers, timeoutMs, false));
          return;
        }
        this.errors++;
        this.lastError = `${path}: ${error.message}`;
        resolve(0);
      });
      request.end(body);
    });
  }

  async getJson<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(new URL(path, this.target), { headers });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Calls send(i) for i = 0..total-1 at `perSecond`, on schedule whether or not earlier calls have
 * finished (an open loop: a slow server gets more work, as it would from LINE). Resolves once all
 * are sent, with their (possibly unfinished) promises.
 */
export async function atRate<T>(perSecond: number, total: number, send: (i: number) => Promise<T>): Promise<Promise<T>[]> {
  const started = performance.now();
  const inFlight: Promise<T>[] = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
    while (sent < due) inFlight.push(send(sent++));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return inFlight;
}
