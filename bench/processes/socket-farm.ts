/**
 * Many idle operator sockets in one process of their own. Each speaks just enough of the Engine.IO v4
 * / Socket.IO v5 wire protocol over `ws` to sign in with `{ token }`, answer pings and count the
 * events it receives, without decoding them: the farm should cost the machine as little as possible,
 * so that what is measured is the server's work. The sockets the bench times are real
 * socket.io-client sockets in the parent.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { serveParent } from '../lib/child-process.ts';

export interface FarmConnectOptions {
  url: string;
  /** one socket per token */
  tokens: string[];
}

const sockets: WebSocket[] = [];
const counts = new Map<string, number>();
let waiter: { event: string; total: number; resolve(at: number): void } | null = null;

/** epoch milliseconds with sub-millisecond precision, comparable across processes */
const epochNow = () => performance.timeOrigin + performance.now();

function count(frame: string): void {
  // '42["event:name",{...}]': the name is read without parsing the payload
  const end = frame.indexOf('"', 4);
  const event = end > 4 ? frame.slice(4, end) : '?';
  const n = (counts.get(event) ?? 0) + 1;
  counts.set(event, n);
  if (waiter && waiter.event === event && n >= waiter.total) {
    waiter.resolve(epochNow());
    waiter = null;
  }
}

function connectOne(base: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${base}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not connect within 10 s')), 10_000);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const frame = data.toString();
      if (frame.startsWith('42')) count(frame);
      else if (frame === '2') ws.send('3');
      else if (frame.startsWith('0{')) ws.send(`40${JSON.stringify({ token })}`);
      else if (frame.startsWith('40')) {
        clearTimeout(timer);
        resolve(ws);
      } else if (frame.startsWith('44')) {
        clearTimeout(timer);
        reject(new Error(`refused: ${frame.slice(2)}`));
      }
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function connect(options: FarmConnectOptions): Promise<number> {
  const base = options.url.replace(/^http/, 'ws');
  // in batches: a thousand handshakes at once only measures the accept queue
  for (let i = 0; i < options.tokens.length; i += 50) {
    const batch = options.tokens.slice(i, i + 50);
    sockets.push(...(await Promise.all(batch.map((token) => connectOne(base, token)))));
  }
  return sockets.length;
}

async function close(): Promise<void> {
  const closing = sockets.splice(0).map(
    (ws) =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 2_000).unref();
      }),
  );
  await Promise.all(closing);
}

serveParent(
  {
    connect: (options: FarmConnectOptions) => connect(options),
    counts: () => Object.fromEntries(counts),
    reset: () => {
      counts.clear();
      waiter = null;
    },
    /** resolves with the epoch time at which `total` frames of `event` had arrived (counting since the last reset) */
    waitFor: (args: { event: string; total: number; timeoutMs: number }) =>
      new Promise<number | null>((resolve) => {
        if ((counts.get(args.event) ?? 0) >= args.total) return resolve(epochNow());
        const timer = setTimeout(() => {
          waiter = null;
          resolve(null);
        }, args.timeoutMs);
        waiter = {
          event: args.event,
          total: args.total,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
      }),
    close,
    stop: close,
  },
  close,
);
