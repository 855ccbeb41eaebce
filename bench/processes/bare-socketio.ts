/**
 * Baseline for fan-out and socket memory: a bare Socket.IO server, default options. Every socket
 * joins one room; `POST /broadcast` emits the payload the parent handed over (a real
 * ConversationDto taken from Baton) to that room, as Baton's gateway does for `conversation:updated`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveParent } from '../lib/child-process.ts';
import { memoryNow, type MemoryFigures } from '../lib/memory.ts';

let server: http.Server | null = null;
let io: Server | null = null;
let payload: unknown = null;

async function start(): Promise<{ url: string }> {
  server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/broadcast') {
      req.resume();
      req.on('end', () => {
        io?.to('operators').emit('conversation:updated', payload);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
      return;
    }
    if (!req.url?.startsWith('/socket.io/')) res.writeHead(404).end();
  });
  io = new Server(server, { serveClient: false });
  io.on('connection', (socket) => void socket.join('operators'));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(): Promise<void> {
  const s = server;
  server = null;
  await io?.close();
  io = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise<void>((resolve) => s.close(() => resolve()));
}

serveParent(
  {
    start,
    setPayload: (args: { payload: unknown }) => {
      payload = args.payload;
    },
    memory: (args: { gc?: boolean }): MemoryFigures => memoryNow(args.gc === true),
    stop,
  },
  stop,
);
