/**
 * Wiring: config -> store -> services -> transports. Used by main.ts and by tests, which start
 * real engines in-process on ephemeral ports.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from './config.ts';
import { createLineClient } from './line/line-client.ts';
import { FakeLinePlatform } from './line/sandbox/fake-line-platform.ts';
import { createLogger, type Logger } from './logger.ts';
import { AuthService, type FirstAdmin } from './services/auth/auth.service.ts';
import { LoginThrottle } from './services/auth/login-throttle.ts';
import { ConversationService } from './services/chat/conversation.service.ts';
import { EventHandler } from './services/chat/event-handler.ts';
import { EventProcessor } from './services/chat/event-processor.ts';
import { OutboundDispatcher } from './services/chat/outbound-dispatcher.ts';
import { WebhookIngest } from './services/chat/webhook-ingest.ts';
import { FlowRegistry } from './services/flows/flow-registry.ts';
import { AssignmentService } from './services/chat/assignment.service.ts';
import { FollowUps } from './services/chat/follow-ups.ts';
import { QueueAnnouncer } from './services/chat/queue-announcer.ts';
import { PresenceService } from './services/chat/presence.service.ts';
import { CannedResponsesService } from './services/chat/canned-responses.service.ts';
import { AutoCloseService } from './services/chat/auto-close.service.ts';
import { QueueTimeoutsService } from './services/chat/queue-timeouts.service.ts';
import { ResumeScanner } from './services/chat/resume-scanner.ts';
import { FlowFolderWatcher } from './services/flows/flow-folder-watcher.ts';
import { autoCloseJob, queueTimeoutJob } from './transports/cron/chat.jobs.ts';
import { presenceRoutes } from './transports/http/presence.route.ts';
import { pluginRoutes } from './transports/http/plugins.route.ts';
import { builtInPlugins } from '../plugins/built-in-plugins.ts';
import { PluginHost } from '../plugins/plugin-host.ts';
import { RetentionService } from './services/maintenance/retention.service.ts';
import { InboxPublisher } from './services/realtime/inbox-publisher.ts';
import { openDatabase } from './store/database.ts';
import { MemoryRateCounters } from './store/counters/memory-rate-counters.ts';
import { RedisRateCounters } from './store/counters/redis-rate-counters.ts';
import { openRedis } from './store/redis.ts';
import { createStore, type Store } from './store/store.ts';
import { JobRunner, type SlotOutcome } from './transports/cron/job-runner.ts';
import { retentionJob } from './transports/cron/retention.job.ts';
import { createHttpApp } from './transports/http/app.ts';
import { authRoutes } from './transports/http/auth.route.ts';
import { conversationRoutes } from './transports/http/conversations.route.ts';
import { healthRoutes } from './transports/http/health.route.ts';
import { lineWebhookRoutes } from './transports/http/line-webhook.route.ts';
import { flowRoutes } from './transports/http/flows.route.ts';
import { openApiRoutes } from './transports/http/openapi.route.ts';
import { sandboxRoutes } from './transports/http/sandbox.route.ts';
import { redisStreamsAdapter } from './transports/realtime/redis-streams-adapter.ts';
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
  /** runs one slot of a cron job now, through the same runner as the schedule (tests, operations) */
  runJob(name: string): Promise<SlotOutcome>;
  /** the built-in fake LINE platform, when running without LINE credentials */
  sandbox: { fake: FakeLinePlatform; channelSecret: string } | null;
  /** set when this start created the first admin */
  firstAdmin: FirstAdmin | null;
  flowVersion: number;
  /** names this engine in the store (claimed events, outbound batches, cron runs) */
  instanceId: string;
  /** first step of a shutdown: /readyz and new webhooks answer 503 from now on */
  drain(): void;
  /** drains, finishes or hands back claimed work, closes sockets (clients reconnect elsewhere), closes */
  stop(): Promise<void>;
}

/** How often pending outbound messages (LINE down, crash before send) are retried. */
const OUTBOX_SWEEP_MS = 5_000;
/** How often due wait steps are looked for: the resolution of `wait: { seconds }`. */
const RESUME_SCAN_MS = 1_000;
/** Auto-close and queue time-outs are checked every minute (their policies are in minutes). */
const CHAT_JOBS_SCHEDULE = '* * * * *';

export async function startBaton(options: BatonOptions): Promise<RunningBaton> {
  const { config } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = createStore(await openDatabase(config.database, (problem) => logger.warn({ module: 'store' }, problem)));
  // fits webhook_events.locked_by (64): host names can be long
  const instanceId = `${os.hostname().slice(0, 40)}/${process.pid}/${randomBytes(3).toString('hex')}`;
  const redis = config.redisUrl ? await openRedis(config.redisUrl, logger.child({ module: 'redis' })) : null;
  let draining = false;

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
  const plugins = new PluginHost(builtInPlugins(config.notifiers, logger.child({ module: 'notify' })), logger.child({ module: 'plugins' }), now);
  const flows = new FlowRegistry(store, logger.child({ module: 'flows' }), now, { pluginStepKinds: plugins.stepSchemas() });
  const active = await flows.loadFolder(config.flowsDir);
  const auth = await AuthService.create(store, config.tokenSecret, config.tokenTtlSeconds, now);
  const firstAdmin = await auth.ensureAdmin(config.admin.email, config.admin.password);

  const chatLogger = logger.child({ module: 'chat' });
  const publisher = new InboxPublisher(config.inboxDigestMs);
  const dispatcher = new OutboundDispatcher(store, lineClient, publisher, chatLogger, now, { owner: instanceId, leaseMs: config.workers.outboxLeaseMs });
  const followUps = new FollowUps(store, dispatcher, new AssignmentService(store, chatLogger, now), new QueueAnnouncer(store, flows, now), plugins, publisher, chatLogger, now);
  const handler = new EventHandler({ store, flows, line: lineClient, followUps, publisher, logger: chatLogger, now, replyTokenTtlMs: line.replyTokenTtlMs });
  const processor = new EventProcessor(store, handler, chatLogger, now, {
    concurrency: config.workers.concurrency,
    batchSize: config.workers.eventBatchSize,
    leaseMs: config.workers.eventLeaseMs,
    idlePollMs: 1_000,
    maxAttempts: 5,
    workerId: instanceId,
  });
  const ingest = new WebhookIngest(store, logger.child({ module: 'webhook' }), now, (stored) => processor.kick(stored));
  const counters = redis ? new RedisRateCounters(redis.counters, config.redisKeyPrefix) : new MemoryRateCounters(now);
  const throttle = new LoginThrottle(counters, config.loginThrottle, logger.child({ module: 'auth' }));
  const conversations = new ConversationService(store, flows, dispatcher, followUps, publisher, now);
  const presence = new PresenceService(store, followUps);

  const channelSecret = line.channelSecret;
  let webhookUrl = '';
  const app = createHttpApp({
    logger: logger.child({ module: 'http' }),
    studioDir: config.studioDir,
    mountRoutes(koa) {
      const health = healthRoutes({ database: () => store.ping(), redis: redis ? () => redis.ping() : undefined, draining: () => draining });
      const webhook = lineWebhookRoutes({ channelSecret, bodyLimitBytes: config.webhookBodyLimitBytes, ingest, draining: () => draining });
      const authApi = authRoutes(auth, throttle);
      const conversationApi = conversationRoutes(auth, conversations, new CannedResponsesService(store, flows, now));
      const openApi = openApiRoutes();
      const flowApi = flowRoutes(auth, flows, store);
      const presenceApi = presenceRoutes(auth, presence);
      const pluginApi = pluginRoutes(auth, plugins);
      // the webhook first: it is the request every LINE message makes
      koa.use(webhook.routes()).use(health.routes()).use(authApi.routes()).use(authApi.allowedMethods());
      koa.use(conversationApi.routes()).use(conversationApi.allowedMethods()).use(openApi.routes());
      koa.use(flowApi.routes()).use(flowApi.allowedMethods()).use(presenceApi.routes()).use(presenceApi.allowedMethods());
      koa.use(pluginApi.routes()).use(pluginApi.allowedMethods());
      if (sandbox) koa.use(sandboxRoutes({ fake: sandbox.fake, channelSecret, webhookUrl: () => webhookUrl }).routes());
    },
  });
  const server = http.createServer(app.callback());
  const gateway = attachSocketGateway(server, auth, logger.child({ module: 'realtime' }), {
    adapter: redis ? redisStreamsAdapter(redis.client, config.redisKeyPrefix) : undefined,
    onOperatorLeft: (operatorId, remaining) => {
      presence.left(operatorId, remaining).catch((error: unknown) => logger.warn({ error: String(error) }, 'presence update failed'));
    },
  });
  publisher.attach(gateway.channel);

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
  const watcher = config.watchFlows ? new FlowFolderWatcher(config.flowsDir, flows, logger.child({ module: 'flows' })) : null;
  watcher?.start();
  const resumes = new ResumeScanner(store, now, () => processor.kick());
  const resumeTimer = setInterval(() => {
    resumes.scan().catch((error: unknown) => logger.error({ error: String(error) }, 'resume scan failed'));
  }, RESUME_SCAN_MS);

  const cron = config.cron.enabled
    ? new JobRunner(store, { instanceId, timezone: config.cron.timezone, now, logger: logger.child({ module: 'cron' }) })
    : null;
  const autoClose = new AutoCloseService(store, flows, conversations, dispatcher, publisher, chatLogger, now);
  const jobs = [
    retentionJob(new RetentionService(store, config.cron.retentionDays), config.cron.retentionSchedule),
    autoCloseJob(autoClose, CHAT_JOBS_SCHEDULE),
    queueTimeoutJob(new QueueTimeoutsService(store, flows, plugins, now, () => processor.kick()), CHAT_JOBS_SCHEDULE),
  ];
  for (const job of jobs) cron?.register(job);
  cron?.start();
  const drain = () => {
    if (!draining) logger.info({ instanceId }, 'draining: readyz and webhooks answer 503');
    draining = true;
  };
  let stopped: Promise<void> | null = null;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    sandbox,
    firstAdmin,
    flowVersion: active.version,
    instanceId,
    async runJob(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job || !cron) throw new Error(cron ? `no cron job "${name}"` : 'cron is off (BATON_CRON)');
      return cron.runSlot(job, now());
    },
    drain,
    stop() {
      stopped ??= (async () => {
        // refuse webhooks and fail readiness first; the grace lets a load balancer notice
        drain();
        if (config.shutdownGraceMs > 0) await delay(config.shutdownGraceMs);
        clearInterval(sweepTimer);
        clearInterval(resumeTimer);
        await watcher?.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await cron?.stop();
        // events and outbound batches in hand finish; whatever is still claimed is handed back now
        await processor.stop();
        await dispatcher.stop();
        publisher.stop();
        // operators are disconnected and reconnect to another engine, which replays what they missed
        await gateway.io.close();
        server.closeAllConnections();
        await closed;
        await redis?.close();
        await sandbox?.fake.close();
        await store.close();
      })();
      return stopped;
    },
  };
}
