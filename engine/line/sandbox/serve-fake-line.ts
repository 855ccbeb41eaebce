/**
 * Runs the fake LINE platform on its own port, for tests and tools in another process:
 *   tsx engine/line/sandbox/serve-fake-line.ts --port 4010 --token T [--host 127.0.0.1] [--reply-ttl-ms 60000]
 * Point the engine at it with LINE_API_BASE_URL and LINE_DATA_API_BASE_URL; drive it with /__fake/*.
 */
import { parseArgs } from 'node:util';
import { FakeLinePlatform } from './fake-line-platform.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
    'reply-ttl-ms': { type: 'string' },
  },
});

const token = values.token ?? process.env.LINE_CHANNEL_ACCESS_TOKEN;
if (!token) {
  console.error('usage: serve-fake-line.ts --port 4010 --token <channel access token> [--host 127.0.0.1]');
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}
const ttl = values['reply-ttl-ms'] === undefined ? undefined : Number(values['reply-ttl-ms']);

const platform = new FakeLinePlatform({ channelAccessToken: token, ...(ttl === undefined ? {} : { replyTokenTtlMs: ttl }) });
const url = await platform.listen(port, values.host);
// The token is the caller's own test value, but it is still a credential by role: never print it.
console.log(`fake LINE platform listening on ${url}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void platform.close().then(() => process.exit(0));
  });
}
