/**
 * A stand-in for LINE on 127.0.0.1 that answers every request 200 `{}`, keeps idle connections for a minute
 * and counts those open at its end: to see when a client lets its kept-alive connections go. Answers can be
 * held back (a slow LINE) and released one by one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export class KeptAliveServer {
  /** connections open at the server's end */
  open = 0;
  /** hold answers back until `releaseOne` */
  holding = false;
  readonly held: (() => void)[] = [];
  private readonly server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (this.holding) this.held.push(answer);
      else answer();
    });
  });

  constructor() {
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (socket) => {
      this.open += 1;
      socket.on('close', () => (this.open -= 1));
    });
  }

  /** the origin to call */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  releaseOne(): void {
    this.held.shift()?.();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
