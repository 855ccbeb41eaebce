/**
 * The LINE calls Baton makes for nearly every message — reply, push and a new customer's profile —
 * sent with node:http(s) over kept-alive connections instead of through the SDK's MessagingApiClient.
 *
 * Why not the SDK for these: @line/bot-sdk 11 sends every call with the global `fetch` (undici behind
 * web streams, a Request, a Headers and an AbortSignal per call) and takes no other client. Measured
 * on the bench machine, 10 callers against a local server: a reply through the SDK cost 460-780 µs of
 * the caller's CPU, through node:http with a keep-alive agent 70-130 µs — on the bot path that was a
 * fifth of the engine's CPU per message (docs/performance.md, issue #15's third session). The SDK keeps
 * the calls made now and then (quota, bot info, content downloads, rich menus, typing, read marks): its
 * types describe every message, and those calls are not paid per message.
 *
 * Answers are LINE's whatever their status; only a failure to get one rejects (a LineApiError with
 * status null). A request is never retried here: the caller's policy (a push's retry key) decides.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { LineApiError, networkFailure } from './line-api-error.ts';

export interface LineHttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** the body as text ('' when there was none) */
  body: string;
}

/**
 * An answer not come after this long lets its connection go (undici's header timeout, which the SDK's
 * calls had): callers stop waiting far sooner (withTimeout), this only bounds the sockets held.
 */
const ABANDONED_SOCKET_MS = 300_000;

export class LineHttp {
  private readonly origin: URL;
  private readonly agent: http.Agent;
  private readonly request: typeof http.request;
  private inFlight = 0;
  private retired = false;

  constructor(
    /** an origin, e.g. https://api.line.me */
    origin: string,
    private readonly channelAccessToken: string,
  ) {
    this.origin = new URL(origin);
    const secure = this.origin.protocol === 'https:';
    // a few kept-alive connections carry every call; LINE's (or the sandbox's) Keep-Alive hint retires idle ones
    this.agent = secure ? new https.Agent({ keepAlive: true, scheduling: 'lifo' }) : new http.Agent({ keepAlive: true, scheduling: 'lifo' });
    this.request = secure ? https.request : http.request;
  }

  /** POSTs `json` (already serialised) to `path`; `headers` adds to Authorization and the content type. */
  post(path: string, json: string, operation: string, headers: Record<string, string> = {}): Promise<LineHttpAnswer> {
    return this.send('POST', path, operation, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) }, json);
  }

  get(path: string, operation: string): Promise<LineHttpAnswer> {
    return this.send('GET', path, operation, {}, null);
  }

  /**
   * The token was rotated or its channel removed: the kept-alive connections are closed, idle ones now and the
   * others once their answers are in. A call made later still works, on a connection closed after it.
   */
  retire(): void {
    this.retired = true;
    this.closeIfRetiredAndIdle();
  }

  private closeIfRetiredAndIdle(): void {
    if (this.retired && this.inFlight === 0) this.agent.destroy();
  }

  private send(method: string, path: string, operation: string, headers: Record<string, string>, body: string | null): Promise<LineHttpAnswer> {
    this.inFlight += 1;
    return this.call(method, path, operation, headers, body).finally(() => {
      this.inFlight -= 1;
      this.closeIfRetiredAndIdle();
    });
  }

  private call(method: string, path: string, operation: string, headers: Record<string, string>, body: string | null): Promise<LineHttpAnswer> {
    return new Promise((resolve, reject) => {
      const request = this.request(
        {
          protocol: this.origin.protocol,
          hostname: this.origin.hostname,
          port: this.origin.port,
          method,
          path,
          agent: this.agent,
          headers: { ...headers, authorization: `Bearer ${this.channelAccessToken}`, 'user-agent': 'Baton' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
          // the connection broke while the answer came: LINE had the request
          response.on('error', (error) => reject(networkFailure(operation, error)));
        },
      );
      // refused or unresolvable: nothing reached LINE; any other failure: it may have
      request.on('error', (error) => reject(networkFailure(operation, error)));
      request.setTimeout(ABANDONED_SOCKET_MS, () => request.destroy(new LineApiError(`LINE ${operation}: no answer in ${ABANDONED_SOCKET_MS} ms`, { status: null, retryable: true })));
      request.end(body ?? undefined);
    });
  }
}
