/**
 * The fake LINE Messaging API of the bot scenario, in the load generator's own process so that the
 * moment a reply arrives is read on the same clock as the moment its webhook was sent. Both servers
 * under test (Baton and the echo bot) talk to this one fake, so neither pays for the other's LINE.
 *
 * It does what the bot path needs and no more: a reply is accepted once per reply token (a second
 * use is refused with 400, as LINE does) and resolves whoever waits for that token; a profile lookup
 * answers a display name; a push is counted; anything else answers 200 `{}`. The
 * server's own access token is not checked here (the engine's own FakeLinePlatform does that in the
 * tests): a request without a bearer token is refused all the same.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

interface Waiting {
  resolve(at: number): void;
}

export class ReplySink {
  private server: http.Server | null = null;
  private readonly waiting = new Map<string, Waiting>();
  private readonly used = new Set<string>();
  replies = 0;
  pushes = 0;
  profiles = 0;
  /** replies refused: a token used twice, or one nobody was waiting for */
  refused = 0;

  async listen(): Promise<string> {
    const server = http.createServer((request, response) => this.handle(request, response));
    server.keepAliveTimeout = 60_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Resolves with performance.now() when a reply with this token arrives (never, if none does). */
  expect(replyToken: string): Promise<number> {
    return new Promise((resolve) => this.waiting.set(replyToken, { resolve }));
  }

  /** forgets tokens nobody replied to (after a run's wait ran out) */
  forget(): void {
    this.waiting.clear();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-line-request-id': 'bench' });
        response.end(text);
      };
      if (!request.headers.authorization?.startsWith('Bearer ')) return answer(401, { message: 'Authentication failed' });
      const path = (request.url ?? '').split('?')[0] ?? '';
      if (request.method === 'POST' && path === '/v2/bot/message/reply') {
        const at = performance.now();
        let body: { replyToken?: unknown; messages?: unknown[] };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return answer(400, { message: 'The request body has 1 error(s)' });
        }
        const token = typeof body.replyToken === 'string' ? body.replyToken : '';
        const waiting = this.waiting.get(token);
        if (!waiting || this.used.has(token)) {
          this.refused++;
          return answer(400, { message: 'Invalid reply token' });
        }
        this.used.add(token);
        this.waiting.delete(token);
        this.replies++;
        waiting.resolve(at);
        const sentMessages = (body.messages ?? []).map((_, i) => ({ id: `${Date.now()}${i}`, quoteToken: 'q' }));
        return answer(200, { sentMessages });
      }
      if (request.method === 'POST' && path === '/v2/bot/message/push') {
        this.pushes++;
        return answer(200, { sentMessages: [{ id: String(Date.now()), quoteToken: 'q' }] });
      }
      if (request.method === 'GET' && path.startsWith('/v2/bot/profile/')) {
        this.profiles++;
        const userId = path.slice('/v2/bot/profile/'.length);
        return answer(200, { userId, displayName: 'Nok', language: 'en' });
      }
      return answer(200, {});
    });
  }
}
