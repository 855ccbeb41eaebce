/**
 * Wiring: config -> store -> services -> transports. Used by main.ts and by tests, which start
 * real engines in-process on ephemeral ports.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { createLineClient } from './line/line-client.ts';
import { FakeLinePlatform } from './line/sandbox/fake-line-platform.ts';
import { createLogger, type Logger } from './logger.ts';
import { AuthService, type FirstAdmin } from './services/auth/auth.service.ts';
import { ConversationService } from './services/chat/conversation.service.ts';
import { EventHandler } from './services/chat/event-handler.ts';
import { EventProcessor } from './services/chat/event-processor.ts';
import { OutboundDispatcher } from './services/chat/outbound-dispatcher.ts';
import { WebhookIngest } from './services/chat/webhook-ingest.ts';
import { FlowRegistry } from './services/flows/flow-registry.ts';
import { RelayPublisher } from './services/realtime/realtime-publisher.ts';
import { openDatabase } from './store/database.ts';
import { createStore, type Store } from './store/store.ts';
import { createHttpApp } from './transports/http/app.ts';
import { authRoutes } from './transports/http/auth.route.ts';
import { conversationRoutes } from './transports/http/conversations.route.ts';
import { healthRoutes } from './transports/http/health.route.ts';
import { lineWebhookRoutes } from './transports/http/line-webhook.route.ts';
import { openApiRoutes } from './transports/http/openapi.route.ts';
import { sandboxRoutes } from './transports/http/sandbox.route.ts';
import { attachSocketGateway } from './transports/realtime/socket-gateway.ts';

export interface BatonOptions {
  config: Config;
  logger?: Logger;
  now?: () => number;
  /** false leaves stored events unprocessed (tests of restart and recovery) */
  processEvents?: boolean;
}

export interface RunningBaton {
  url: string;
  port: number;
  store: Store;
  /** the built-in fake LINE platform, when running without LINE credentials */
  sandbox: { fake: FakeLinePlatform; channelSecret: string } | null;
  /** set when this start created the first admin */
  firstAdmin: FirstAdmin | null;
  flowVersion: number;
  stop(): Promise<void>;
}

/** How often pending outbound messages (LINE down, crash before send) are retried. */
const OUTBOX_SWEEP_MS = 5_000;

export async function startBaton(options: BatonOptions): Promise<RunningBaton> {
  const { config } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = createStore(await openDatabase(config.database));

  let sandbox: RunningBaton['sandbox'] = null;
  let line = config.line;
  if (config.line.sandbox) {
    const channelSecret = randomBytes(16).toString('hex');
    const channelAccessToken = randomBytes(24).toString('base64url');
    const fake = new FakeLinePlatform({ channelAccessToken });
    const fakeUrl = await fake.listen(0, '127.0.0.1');
    sandbox = { fake, channelSecret };
    line = { ...line, channelSecret, channelAccessToken, apiBaseUrl: fakeUrl, dataApiBaseUrl: fakeUrl };
  }
  if (!line.channelSecret || !line.channelAccessToken) throw new Error('LINE credentials missing');

  const lineClient = createLineClient({
    channelAccessToken: line.channelAccessToken,
    apiBaseUrl: line.apiBaseUrl,
    dataApiBaseUrl: line.dataApiBaseUrl,
    timeoutMs: line.timeoutMs,
    logger,
  });
  const flows = new FlowRegistry(store, logger.child({ module: 'flows' }));
  const active = await flows.loadFolder(config.flowsDir, now());
  const auth = await AuthService.create(store, config.tokenSecret, config.tokenTtlSeconds, now);
  const firstAdmin = await auth.ensureAdmin(config.admin.email, config.admin.password);

  const publisher = new RelayPublisher();
  const chatLogger = logger.child({ module: 'chat' });
  const dispatcher = new OutboundDispatcher(store, lineClient, publisher, chatLogger, now);
  const handler = new EventHandler({ store, flows, line: lineClient, dispatcher, publisher, logger: chatLogger, now, replyTokenTtlMs: line.replyTokenTtlMs });
  const processor = new EventProcessor(store, handler, chatLogger, now, { concurrency: 4, leaseMs: 30_000, idlePollMs: 1_000, maxAttempts: 5 });
  const ingest = new WebhookIngest(store, logger.child({ module: 'webhook' }), now, () => processor.kick());
  const conversations = new ConversationService(store, flows, dispatcher, publisher, now);

  const channelSecret = line.channelSecret;
  let webhookUrl = '';
  const app = createHttpApp({
    logger: logger.child({ module: 'http' }),
    studioDir: config.studioDir,
    mountRoutes(koa) {
      const health = healthRoutes(store);
      const webhook = lineWebhookRoutes({ channelSecret, bodyLimitBytes: config.webhookBodyLimitBytes, ingest });
      const authApi = authRoutes(auth);
      const conversationApi = conversationRoutes(auth, conversations);
      const openApi = openApiRoutes();
      koa.use(health.routes()).use(webhook.routes()).use(authApi.routes()).use(authApi.allowedMethods());
      koa.use(conversationApi.routes()).use(conversationApi.allowedMethods()).use(openApi.routes());
      if (sandbox) koa.use(sandboxRoutes({ fake: sandbox.fake, channelSecret, webhookUrl: () => webhookUrl }).routes());
    },
  });
  const server = http.createServer(app.callback());
  const gateway = attachSocketGateway(server, auth, logger.child({ module: 'realtime' }));
  publisher.attach(gateway.publisher);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  webhookUrl = `http://127.0.0.1:${port}/webhooks/line`;

  if (options.processEvents !== false) processor.start();
  const sweep = () => dispatcher.sweep().catch((error: unknown) => logger.error({ error: String(error) }, 'outbox sweep failed'));
  void sweep();
  const sweepTimer = setInterval(sweep, OUTBOX_SWEEP_MS);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    sandbox,
    firstAdmin,
    flowVersion: active.version,
    async stop() {
      clearInterval(sweepTimer);
      // stop taking webhooks first, then let claimed events finish, then drop connections
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await processor.stop();
      await gateway.io.close();
      server.closeAllConnections();
      await closed;
      await sandbox?.fake.close();
      await store.close();
    },
  };
}
