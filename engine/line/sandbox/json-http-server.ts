import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomRequestId } from './fake-ids.ts';
import type { ApiAnswer, FakeRequest } from './fake-line-types.ts';
import { failureAnswer } from './failure-answer.ts';
import { BodyTooLarge, flattenHeaders, parseJson, readBody, writeAnswer } from './http-io.ts';

/** A node:http server answering JSON through one handler; a null answer means "say nothing". */
export class JsonHttpServer {
  private server: Server | null = null;

  constructor(private readonly handler: (request: FakeRequest) => Promise<ApiAnswer | null>) {}

  /** port 0 = any free port; resolves the base URL */
  async listen(port: number, host: string): Promise<string> {
    if (this.server) throw new Error('already listening');
    const server = createServer((request, response) => void this.serve(request, response));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address: AddressInfo | string | null = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${shownHost}:${address.port}`;
  }

  /** cuts open connections too, so a client still waiting gets a network error at once */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge) writeAnswer(response, failureAnswer({ status: 413 }));
      else response.destroy();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://fake-line');
    const answer = await this.handler({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: flattenHeaders(request),
      requestId: randomRequestId(),
      bytes,
      ...parseJson(bytes.toString('utf8')),
    });
    if (answer === null) response.destroy();
    else writeAnswer(response, answer);
  }
}
