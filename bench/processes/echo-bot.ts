/**
 * Baseline for the bot path: the LINE SDK's echo bot, the shape of the SDK's own example (Express
 * there, node:http here: Express is not a dependency, and node:http is the cheaper of the two).
 * The SDK's middleware reads the body, checks the signature and parses it; each text message is
 * echoed with MessagingApiClient.replyMessage; the 200 goes back once the replies have been
 * answered, as in the example. Beyond the example, a follow gets a welcome text, so that every
 * event Baton's default flow answers is answered here too; postbacks get nothing, in both. Nothing
 * is stored: a crash between the 200 and the reply loses nothing only because the reply came first.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { messagingApi, middleware, type webhook } from '@line/bot-sdk';
import { serveParent } from '../lib/child-process.ts';
import { MemorySampler } from '../lib/memory.ts';

let server: http.Server | null = null;
const sampler = new MemorySampler();

async function start(args: { channelSecret: string; channelAccessToken: string; lineApiUrl: string }): Promise<{ url: string }> {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: args.channelAccessToken, baseURL: args.lineApiUrl });
  const verify = middleware({ channelSecret: args.channelSecret });

  const handleEvent = (event: webhook.Event): Promise<unknown> => {
    if (event.type === 'message' && event.message.type === 'text' && event.replyToken) {
      return client.replyMessage({ replyToken: event.replyToken, messages: [{ type: 'text', text: event.message.text }] });
    }
    if (event.type === 'follow' && event.replyToken) {
      return client.replyMessage({ replyToken: event.replyToken, messages: [{ type: 'text', text: 'Welcome!' }] });
    }
    return Promise.resolve(null);
  };

  const send = (response: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };

  server = http.createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/webhooks/line') return send(response, 404, { message: 'not found' });
    const req = request as http.IncomingMessage & { body?: { events: webhook.Event[] } };
    verify(req as never, response as never, (error?: unknown) => {
      if (error) return send(response, 401, { message: 'bad signature' });
      Promise.all((req.body?.events ?? []).map(handleEvent)).then(
        (result) => send(response, 200, result),
        () => send(response, 500, { message: 'reply failed' }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  sampler.start();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(): Promise<void> {
  sampler.stop();
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise<void>((resolve) => s.close(() => resolve()));
}

serveParent(
  {
    start: (args: { channelSecret: string; channelAccessToken: string; lineApiUrl: string }) => start(args),
    /** the highest RSS since the last call, sampled every 100 ms */
    peakRss: (): number => sampler.takePeak(),
    stop,
  },
  stop,
);
