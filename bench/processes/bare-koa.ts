/**
 * Baseline for webhook ingest: the least any LINE webhook receiver on this stack can do. One Koa
 * route that reads the raw body, checks the HMAC with the same SDK call Baton uses, and answers 200.
 * No parsing, no validation, no storage.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import { validateSignature } from '@line/bot-sdk';
import Koa from 'koa';
import { serveParent } from '../lib/child-process.ts';

let server: http.Server | null = null;

async function start(args: { channelSecret: string }): Promise<{ url: string }> {
  const app = new Koa();
  const router = new Router();
  router.post('/webhooks/line', async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const signature = ctx.get('x-line-signature');
    if (!signature || !validateSignature(Buffer.concat(chunks), args.channelSecret, signature)) ctx.throw(401);
    ctx.status = 200;
    ctx.body = { ok: true };
  });
  app.use(router.routes());
  server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(): Promise<void> {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise<void>((resolve) => s.close(() => resolve()));
}

serveParent({ start: (args: { channelSecret: string }) => start(args), stop }, stop);
