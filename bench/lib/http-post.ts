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

  /** resolves with the status code (0 on a network error) */
  post(path: string, body: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve) => {
      const request = http.request(
        {
          agent: this.agent,
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
      request.on('error', (error) => {
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
 * finished (an open loop: a slow server gets more work, as it would from LINE), then waits for all.
 */
export async function atRate(perSecond: number, total: number, send: (i: number) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
    while (sent < due) inFlight.push(send(sent++));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
}
