/**
 * Baselines for the bot path: the LINE SDK's echo bot, the shape of the SDK's own example (Express
 * there, node:http here: Express is not a dependency, and node:http is the cheaper of the two).
 * The SDK's middleware reads the body, checks the signature and parses it; each text message is
 * echoed with MessagingApiClient.replyMessage; the 200 goes back once the replies have been
 * answered, as in the example. Beyond the example, a follow gets a welcome text, so that every
 * event Baton's default flow answers is answered here too; postbacks get nothing, in both.
 *
 * As the example has it, nothing is stored. Started with `storeIn` (a file), it is the same bot with
 * the storage a developer adds to it with better-sqlite3, the SQLite driver Baton uses: WAL with
 * `synchronous = NORMAL`, as Baton; each request's events stored in one transaction before anything
 * else, a redelivered event (its webhookEventId seen before) ignored, each customer's text stored
 * with it; each reply stored once LINE took it. What it leaves out is what Baton adds: exactly-once
 * replies across a crash (an event stored and not yet answered is never answered: LINE redelivers it
 * and it is ignored), ordering per customer, flows, conversations, the inbox.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { messagingApi, middleware, type webhook } from '@line/bot-sdk';
import Database from 'better-sqlite3';
import { serveParent } from '../lib/child-process.ts';
import { MemorySampler } from '../lib/memory.ts';

let server: http.Server | null = null;
let database: { db: Database.Database; file: string } | null = null;
const sampler = new MemorySampler();

interface StartArgs {
  channelSecret: string;
  channelAccessToken: string;
  lineApiUrl: string;
  /** a SQLite file to store every event and message in (made afresh); absent: nothing stored */
  storeIn?: string;
}

/** The durable variant's storage: which events of a request are new, stored with their texts; replies stored once sent. */
interface EchoStorage {
  storeNew(events: webhook.Event[]): webhook.Event[];
  replied(event: webhook.Event, text: string): void;
}

function openStorage(file: string): EchoStorage {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db = new Database(file);
  database = { db, file };
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    create table events (id text primary key, type text not null, user_id text, raw text not null, received_at integer not null);
    create table messages (id integer primary key, user_id text not null, direction text not null, text text not null, created_at integer not null);
    create index messages_by_user on messages (user_id, id);`);
  const insertEvent = db.prepare('insert into events (id, type, user_id, raw, received_at) values (?, ?, ?, ?, ?) on conflict (id) do nothing');
  const insertMessage = db.prepare('insert into messages (user_id, direction, text, created_at) values (?, ?, ?, ?)');
  const storeNew = db.transaction((events: webhook.Event[]) =>
    events.filter((event) => {
      const userId = event.source?.userId ?? null;
      if (insertEvent.run(event.webhookEventId, event.type, userId, JSON.stringify(event), Date.now()).changes === 0) return false;
      if (event.type === 'message' && event.message.type === 'text' && userId) insertMessage.run(userId, 'in', event.message.text, Date.now());
      return true;
    }),
  );
  return {
    storeNew,
    replied: (event, text) => void insertMessage.run(event.source?.userId ?? '', 'out', text, Date.now()),
  };
}

async function start(args: StartArgs): Promise<{ url: string }> {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: args.channelAccessToken, baseURL: args.lineApiUrl });
  const verify = middleware({ channelSecret: args.channelSecret });
  const storage = args.storeIn ? openStorage(args.storeIn) : null;

  const reply = async (event: webhook.Event & { replyToken?: string }, text: string): Promise<unknown> => {
    const sent = await client.replyMessage({ replyToken: event.replyToken ?? '', messages: [{ type: 'text', text }] });
    storage?.replied(event, text);
    return sent;
  };
  const handleEvent = (event: webhook.Event): Promise<unknown> => {
    if (event.type === 'message' && event.message.type === 'text' && event.replyToken) return reply(event, event.message.text);
    if (event.type === 'follow' && event.replyToken) return reply(event, 'Welcome!');
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
      const events = req.body?.events ?? [];
      Promise.resolve()
        .then(() => Promise.all((storage ? storage.storeNew(events) : events).map(handleEvent)))
        .then(
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
  if (s) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  if (database) {
    database.db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(database.file + suffix, { force: true });
    database = null;
  }
}

serveParent(
  {
    start: (args: StartArgs) => start(args),
    /** the highest RSS since the last call, sampled every 100 ms */
    peakRss: (): number => sampler.takePeak(),
    /** what the storing variant holds: events, and messages (texts in, replies out) */
    stored: (): { events: number; messages: number } => {
      const count = (table: string) => (database?.db.prepare(`select count(*) as n from ${table}`).get() as { n: number } | undefined)?.n ?? 0;
      return { events: count('events'), messages: count('messages') };
    },
    stop,
  },
  stop,
);
