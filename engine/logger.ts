/** The one structured logger. Modules take a child: `logger.child({ module: 'webhook' })`. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths that may carry secrets; pino replaces them before anything is written. */
const redact = [
  'req.headers.authorization',
  'req.headers["x-line-signature"]',
  '*.password',
  '*.accessToken',
  '*.replyToken',
  '*.channelSecret',
  '*.channelAccessToken',
  '*.token',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redact, censor: '[redacted]' } });
}
