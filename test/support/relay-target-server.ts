/** A relay target for tests (docs/relay.md): a real HTTP server on 127.0.0.1 that records what the relay sends it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  signature: string;
  attempt: string;
}

/** A relay target on 127.0.0.1: answers each request with the next of `answers` (the last one repeats); 'hang' never answers. */
export class RelayTargetServer {
  readonly received: Received[] = [];
  answered = 0;
  private readonly hanging: http.ServerResponse[] = [];
  private readonly server: http.Server;
  constructor(private readonly answers: (number | 'hang')[]) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-line-signature']), attempt: String(req.headers['x-baton-relay-attempt']) });
        const answer = this.answers[Math.min(this.received.length, this.answers.length) - 1] ?? 200;
        if (answer === 'hang') {
          this.hanging.push(res);
          return;
        }
        this.answered += 1;
        res.writeHead(answer).end();
      });
    });
  }
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/line`;
  }
  close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
