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
import * as timings from './engine-timings.ts';
import { createLineClient } from './line/line-client.ts';
import { FakeLinePlatform } from './line/sandbox/fake-line-platform.ts';
import { createRichMenuClient } from './line/rich-menu-client.ts';
import { richMenuImageProblems } from './services/rich-menus/rich-menu-image-problems.ts';
import { RichMenusService } from './services/rich-menus/rich-menus.service.ts';
import { createLogger, type Logger } from './logger.ts';
import { AccessTokens } from './services/auth/access-token.ts';
import { AuthService, type FirstAdmin } from './services/auth/auth.service.ts';
import { LoginThrottle } from './services/auth/login-throttle.ts';
import { PasswordHasher } from './services/auth/password-hasher.ts';
import { SecuritySettings } from './services/auth/security-settings.ts';
import { SessionService } from './services/auth/session.service.ts';
import { TeamService } from './services/auth/team.service.ts';
import { TotpSecrets } from './services/auth/totp-secrets.ts';
import { AuditService } from './services/audit/audit.service.ts';
import { ConversationReadsService } from './services/chat/conversation-reads.service.ts';
import { CustomerHistoryService } from './services/chat/customer-history.service.ts';
import { ConversationService } from './services/chat/conversation.service.ts';
import { EventHandler } from './services/chat/event-handler.ts';
import { EventProcessor } from './services/chat/event-processor.ts';
import { LineReadReceipts } from './services/chat/line-read-receipts.ts';
import { LineTypingService } from './services/chat/line-typing.service.ts';
import { OutboundDispatcher } from './services/chat/outbound-dispatcher.ts';
import { WebhookIngest } from './services/chat/webhook-ingest.ts';
import { FlowRegistry } from './services/flows/flow-registry.ts';
import { AssignmentService } from './services/chat/assignment.service.ts';
import { FollowUps } from './services/chat/follow-ups.ts';
import { QueueAnnouncer } from './services/chat/queue-announcer.ts';
import { PresenceService } from './services/chat/presence.service.ts';
import { GroupMemberNames } from './services/chat/group-member-names.ts';
import { ProfileLookup } from './services/chat/profile-lookup.ts';
import { CannedResponsesService } from './services/chat/canned-responses.service.ts';
import { AutoCloseService } from './services/chat/auto-close.service.ts';
import { QueueTimeoutsService } from './services/chat/queue-timeouts.service.ts';
import { ResumeScanner } from './services/chat/resume-scanner.ts';
import { FlowFolderWatcher } from './services/flows/flow-folder-watcher.ts';
import { autoCloseJob, queueTimeoutJob } from './transports/cron/chat.jobs.ts';
import { analyticsRollupJob } from './transports/cron/analytics.jobs.ts';
import { DaySource } from './services/analytics/day-source.ts';
import { RollupService } from './services/analytics/rollup.service.ts';
import { presenceRoutes } from './transports/http/presence.route.ts';
import { pluginRoutes } from './transports/http/plugins.route.ts';
import { builtInPlugins } from '../plugins/built-in-plugins.ts';
import { PluginHost } from '../plugins/plugin-host.ts';
import { RetentionService } from './services/maintenance/retention.service.ts';
import { InboundMedia } from './services/media/inbound-media.ts';
import { LocalMediaStorage } from './services/media/local-media-storage.ts';
import { MediaAccessService } from './services/media/media-access.service.ts';
import { MediaFetcher } from './services/media/media-fetcher.ts';
import { mediaRoutes } from './transports/http/media.route.ts';
import { OutboundAttachments } from './services/media/outbound-attachments.ts';
import { OperatorMessages } from './services/media/operator-message.ts';
import { SignedMediaLinks } from './services/media/signed-media-link.ts';
import { attachmentRoutes } from './transports/http/attachments.route.ts';
import { publicMediaRoutes } from './transports/http/public-media.route.ts';
import { RelayDeliverer } from './services/relay/relay-deliverer.ts';
import { RelayIntake } from './services/relay/relay-intake.ts';
import { RelaySecrets } from './services/relay/relay-secrets-at-rest.ts';
import { RelayTargets } from './services/relay/relay-targets.service.ts';
import { relayRoutes } from './transports/http/relay.route.ts';
import { ChannelRegistry } from './services/channels/channel-registry.ts';
import { ChannelsService } from './services/channels/channels.service.ts';
import { SecretBox } from './services/channels/secret-box.ts';
import { channelRoutes } from './transports/http/channels.route.ts';
import { EngineHeartbeat } from './services/maintenance/engine-heartbeat.ts';
import { finishOrHandBack } from './services/maintenance/hand-back-work.ts';
import { InboxPublisher } from './services/realtime/inbox-publisher.ts';
import { AnalyticsPublisher } from './services/realtime/analytics-publisher.ts';
import { withLiveAnalytics } from './services/realtime/live-analytics-trigger.ts';
import { AnalyticsService } from './services/analytics/analytics.service.ts';
import { analyticsRoutes } from './transports/http/analytics.route.ts';
import { LineQuotaService } from './services/line-quota/line-quota.service.ts';
import { lineQuotaRoutes } from './transports/http/line-quota.route.ts';
import { LineQuotaByChannel } from './services/line-quota/line-quota-by-channel.ts';
import { DEFAULT_CHANNEL_ID } from './contracts/channels.ts';
import { openDatabase } from './store/database.ts';
import { openRedis } from './store/redis.ts';
import { createStore, type Store } from './store/store.ts';
import { JobRunner, type SlotOutcome } from './transports/cron/job-runner.ts';
import { retentionJob } from './transports/cron/retention.job.ts';
import { createHttpApp } from './transports/http/app.ts';
import { auditRoutes } from './transports/http/audit.route.ts';
import { authRoutes } from './transports/http/auth.route.ts';
import { inviteRoutes } from './transports/http/invites.route.ts';
import { meRoutes } from './transports/http/me.route.ts';
import { operatorRoutes } from './transports/http/operators.route.ts';
import { settingsRoutes } from './transports/http/settings.route.ts';
import { conversationRoutes } from './transports/http/conversations.route.ts';
import { conversationHistoryRoutes } from './transports/http/conversation-history.route.ts';
import { conversationActionRoutes } from './transports/http/conversation-actions.route.ts';
import { ConversationActionsService } from './services/chat/conversation-actions.service.ts';
import { healthRoutes } from './transports/http/health.route.ts';
import { lineWebhookRoutes } from './transports/http/line-webhook.route.ts';
import { flowRoutes } from './transports/http/flows.route.ts';
import { jobRoutes } from './transports/http/jobs.route.ts';
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
  /** every REST route mounted, `METHOD /path` (the permission-table test checks each has an entry) */
  routes: string[];
  /** names this engine in the store (claimed events, outbound batches, cron runs) */
  instanceId: string;
  /** first step of a shutdown: /readyz and new webhooks answer 503 from now on */
  drain(): void;
  /** drains, finishes or hands back claimed work, closes sockets (clients reconnect elsewhere), closes */
  stop(): Promise<void>;
}

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

  const lineClientFor = (channelAccessToken: string) =>
    createLineClient({
      channelAccessToken,
      apiBaseUrl: line.apiBaseUrl,
      dataApiBaseUrl: line.dataApiBaseUrl,
      timeoutMs: line.timeoutMs,
      replyTimeoutMs: line.replyTimeoutMs,
      logger,
    });
  const richMenuClientFor = (channelAccessToken: string) => createRichMenuClient({ channelAccessToken, apiBaseUrl: line.apiBaseUrl, dataApiBaseUrl: line.dataApiBaseUrl, timeoutMs: line.timeoutMs });
  const lineClient = lineClientFor(line.channelAccessToken);
  const richMenuClient = richMenuClientFor(line.channelAccessToken);
  // every LINE call goes out with the token of the customer's channel (docs/channels.md)
  const secretBox = config.encryptionKey ? new SecretBox(config.encryptionKey, config.previousEncryptionKey) : null;
  const channels = new ChannelRegistry(store, logger.child({ module: 'channels' }), {
    defaultChannel: { secret: line.channelSecret, line: lineClient, richMenus: richMenuClient },
    makeClients: (token) => ({ line: lineClientFor(token), richMenus: richMenuClientFor(token) }),
    box: secretBox,
    refreshMs: timings.CHANNELS_REFRESH_MS,
  });
  await channels.start();
  const plugins = new PluginHost(builtInPlugins(config.notifiers, logger.child({ module: 'notify' })), logger.child({ module: 'plugins' }), now);
  const flows = new FlowRegistry(store, logger.child({ module: 'flows' }), now, { pluginStepKinds: plugins.stepSchemas(), fileProblems: richMenuImageProblems(config.flowsDir) });
  const active = await flows.loadFolder(config.flowsDir);
  const tokenSecret = config.auth.tokenSecret ?? (await store.settings.getOrInsert('token_secret', randomBytes(32).toString('base64url')));
  const sessions = new SessionService(store, new AccessTokens(tokenSecret, config.auth.tokenTtlSeconds), { idleTimeoutMs: config.auth.idleTimeoutMs, maxAgeMs: config.auth.sessionMaxAgeMs }, now);
  const audit = new AuditService(store, logger.child({ module: 'audit' }), now);
  const hasher = new PasswordHasher({ concurrency: timings.PASSWORD_HASH_CONCURRENCY, queueMax: timings.PASSWORD_HASH_QUEUE });
  const security = new SecuritySettings(store);
  const throttle = new LoginThrottle({
    maxFailures: config.auth.loginMaxFailures,
    windowMs: config.auth.loginWindowMs,
    redis: redis ? { client: redis.counters, keyPrefix: config.redisKeyPrefix } : null,
  });
  const totpSecrets = new TotpSecrets(secretBox);
  const sealedTotp = await totpSecrets.sealStored(store);
  if (sealedTotp > 0) logger.info({ operators: sealedTotp }, 'authenticator secrets stored in the clear or with BATON_PREVIOUS_ENCRYPTION_KEY are now encrypted with BATON_ENCRYPTION_KEY');
  const auth = new AuthService({ store, hasher, throttle, sessions, security, audit, totpSecrets, now });
  const firstAdmin = await auth.ensureAdmin(config.admin.email, config.admin.password);

  const chatLogger = logger.child({ module: 'chat' });
  const analyticsDays = new DaySource(store, async () => (await flows.active()).set.calendars, { ...config.analytics, calendarId: config.analytics.calendar, cronTimezone: config.cron.timezone });
  const analytics = new AnalyticsService(store, analyticsDays, now);
  const inbox = new InboxPublisher();
  const liveAnalytics = new AnalyticsPublisher(analytics, logger.child({ module: 'analytics' }), now);
  const richMenus = new RichMenusService(
    store,
    flows,
    channels,
    logger.child({ module: 'rich-menus' }),
    now,
    { flowsDir: config.flowsDir, owner: instanceId, syncMs: timings.RICH_MENU_SYNC_MS, leaseMs: timings.RICH_MENU_LEASE_MS, linksInFlight: timings.RICH_MENU_LINKS_IN_FLIGHT, maxAttempts: timings.RICH_MENU_MAX_ATTEMPTS, backoffMs: timings.RICH_MENU_BACKOFF_MS, pollMs: timings.RICH_MENU_POLL_MS },
  );
  const publisher = richMenus.following(withLiveAnalytics(inbox, liveAnalytics));
  const dispatcher = new OutboundDispatcher(store, channels, publisher, chatLogger, now, { owner: instanceId, leaseMs: config.workers.outboxLeaseMs, concurrency: config.workers.outboxConcurrency, stalledAfterMs: Math.min(line.timeoutMs, timings.OUTBOX_STALLED_MS) });
  const followUps = new FollowUps(store, dispatcher, new AssignmentService(store, chatLogger, now), new QueueAnnouncer(store, flows, now), plugins, publisher, chatLogger, now);
  const profiles = new ProfileLookup(channels, store, publisher, chatLogger, now, { waitMs: line.profileWaitMs, maxInFlight: timings.PROFILES_IN_FLIGHT });
  const mediaStorage = new LocalMediaStorage(config.mediaDir);
  const mediaLogger = logger.child({ module: 'media' });
  const mediaFetcher = new MediaFetcher(store, channels, mediaStorage, publisher, mediaLogger, now, {
    owner: instanceId,
    leaseMs: timings.MEDIA_LEASE_MS,
    concurrency: timings.MEDIA_FETCHES_IN_FLIGHT,
    maxAttempts: timings.MEDIA_MAX_ATTEMPTS,
    backoffMs: timings.MEDIA_BACKOFF_MS,
    pollMs: timings.MEDIA_POLL_MS,
    stallMs: line.timeoutMs,
  });
  const relayLogger = logger.child({ module: 'relay' });
  const relaySecrets = new RelaySecrets(secretBox);
  const sealedRelaySecrets = await relaySecrets.sealStored(store);
  if (sealedRelaySecrets > 0) logger.info({ targets: sealedRelaySecrets }, 'relay target secrets stored in the clear or with BATON_PREVIOUS_ENCRYPTION_KEY are now encrypted with BATON_ENCRYPTION_KEY');
  const relayTargets = new RelayTargets(store, audit, relayLogger, now, timings.RELAY_TARGETS_REFRESH_MS, relaySecrets);
  await relayTargets.start();
  const relayDeliverer = new RelayDeliverer(store, relayLogger, now, {
    owner: instanceId,
    concurrency: timings.RELAY_IN_FLIGHT,
    attemptTimeoutMs: config.relay.attemptTimeoutMs,
    backoffMs: config.relay.retryMs,
    maxBackoffMs: 3_600_000,
    giveUpAfterMs: config.relay.giveUpAfterMs,
    pollMs: timings.RELAY_POLL_MS,
  }, relaySecrets);
  const relayIntake = new RelayIntake(store, relayTargets, relayLogger, now, () => relayDeliverer.kick());
  const media = new InboundMedia(mediaFetcher, mediaStorage, publisher, mediaLogger);
  // operators' images: uploads noted under a signed id, sent as public links LINE fetches (docs/media.md)
  const attachments = new OutboundAttachments(mediaStorage, tokenSecret, now);
  const mediaLinks = new SignedMediaLinks(tokenSecret, config.publicUrl);
  const memberNames = new GroupMemberNames(channels, store, chatLogger, now, line.profileWaitMs);
  const handler = new EventHandler({ store, flows, profiles, followUps, publisher, logger: chatLogger, now, replyTokenTtlMs: line.replyTokenTtlMs, media, memberNames });
  const processor = new EventProcessor(store, handler, chatLogger, now, {
    concurrency: config.workers.concurrency,
    batchSize: config.workers.eventBatchSize,
    leaseMs: config.workers.eventLeaseMs,
    idlePollMs: 1_000,
    maxAttempts: 5,
    workerId: instanceId,
    ingestFirst: () => ingest.settled(),
  });
  const ingest = new WebhookIngest(store, logger.child({ module: 'webhook' }), now, (stored) => processor.kick(stored), {
    retentionDays: config.cron.retentionDays,
    commitsWaitForDisk: config.database.client === 'postgres',
  });
  const readReceipts = new LineReadReceipts(store, channels, chatLogger, now, line.markAsRead);
  const lineTyping = new LineTypingService(store, channels, chatLogger, now);
  const conversations = new ConversationService(store, flows, dispatcher, followUps, publisher, audit, now, (id, operatorId) => void readReceipts.opened(id, operatorId));
  const channelAdmin = new ChannelsService({ store, audit, box: secretBox, botInfo: (token) => lineClientFor(token).getBotInfo(), changed: () => channels.changed(), removeRichMenus: (id, deleteRows) => richMenus.removeChannel(id, deleteRows), now });
  const resealedChannels = await channelAdmin.resealStored();
  if (resealedChannels > 0) logger.info({ channels: resealedChannels }, 'channel credentials sealed with BATON_PREVIOUS_ENCRYPTION_KEY are now sealed with BATON_ENCRYPTION_KEY');
  const team = new TeamService({ store, hasher, sessions, audit, now, publicUrl: config.publicUrl, releaseConversations: (id) => conversations.returnToQueue(id), channelExists: (id) => channelAdmin.exists(id) });
  const presence = new PresenceService(store, followUps);
  const rollup = new RollupService(store, analyticsDays, now);
  const lineQuota = new LineQuotaService(lineClient, store, audit, logger.child({ module: 'line-quota' }), now, { warnPercent: line.quotaWarnPercent, channelId: DEFAULT_CHANNEL_ID });
  const quotaByChannel = new LineQuotaByChannel(lineQuota, channels, store, audit, logger.child({ module: 'line-quota' }), now, { warnPercent: line.quotaWarnPercent });
  // always there, for "run now"; it follows the schedules only where cron is on (BATON_CRON)
  const cron = new JobRunner(store, { instanceId, timezone: config.cron.timezone, now, logger: logger.child({ module: 'cron' }) });

  const channelSecret = line.channelSecret;
  let webhookUrl = '';
  const httpLogger = logger.child({ module: 'http' });
  const publicOrigin = new URL(config.publicUrl).origin;
  const routes: string[] = [];
  const app = createHttpApp({
    logger: httpLogger,
    studioDir: config.studioDir,
    https: config.publicUrl.startsWith('https:'),
    trustedProxies: config.trustedProxies,
    mountWebhook(koa) {
      koa.use(lineWebhookRoutes({ channelSecret, channelSecretOf: (id) => channels.secretOf(id), bodyLimitBytes: config.webhookBodyLimitBytes, bodyDeadlineMs: timings.WEBHOOK_BODY_DEADLINE_MS, ingest, relay: relayIntake, draining: () => draining }).routes());
    },
    mountRoutes(koa) {
      const authDeps = { auth, sessions, cookies: { secure: config.publicUrl.startsWith('https:'), publicOrigin }, logger: httpLogger };
      const routers = [
        authRoutes(authDeps),
        meRoutes(auth, sessions, httpLogger),
        presenceRoutes(sessions, httpLogger, presence),
        operatorRoutes(team, sessions, httpLogger),
        inviteRoutes(auth, authDeps),
        settingsRoutes(security, audit, sessions, httpLogger),
        auditRoutes(audit, sessions, httpLogger),
        conversationRoutes(sessions, httpLogger, conversations, new CannedResponsesService(store, flows, now), new ConversationReadsService(store, conversations, now), new OperatorMessages(attachments, mediaLinks, now)),
        attachmentRoutes(sessions, httpLogger, conversations, attachments),
        publicMediaRoutes(mediaLinks, mediaStorage, now),
        conversationHistoryRoutes(sessions, httpLogger, new CustomerHistoryService(store, conversations)),
        conversationActionRoutes(sessions, httpLogger, new ConversationActionsService(store, followUps, publisher, audit, now)),
        flowRoutes(sessions, httpLogger, flows, store, audit),
        pluginRoutes(sessions, httpLogger, plugins),
        jobRoutes(sessions, httpLogger, cron, store, audit),
        analyticsRoutes(sessions, httpLogger, analytics, now),
        lineQuotaRoutes(sessions, httpLogger, quotaByChannel),
        mediaRoutes(sessions, httpLogger, new MediaAccessService(store, mediaStorage)),
        relayRoutes(sessions, httpLogger, relayTargets),
        channelRoutes(sessions, httpLogger, channelAdmin),
        openApiRoutes(),
        ...(sandbox ? [sandboxRoutes({ fake: sandbox.fake, channelSecret, webhookUrl: () => webhookUrl, sessions, logger: httpLogger, flows, now })] : []),
      ];
      koa.use(healthRoutes({ database: () => store.ping(), redis: redis ? () => redis.ping() : undefined, draining: () => draining }).routes());
      for (const router of routers) {
        koa.use(router.routes()).use(router.allowedMethods());
        for (const layer of router.stack) for (const method of layer.methods) if (method !== 'HEAD') routes.push(`${method} ${layer.path}`);
      }
    },
  });
  // Node checks those timeouts every connectionsCheckingInterval (30 s by default): every second instead
  const server = http.createServer({ headersTimeout: timings.HEADERS_TIMEOUT_MS, requestTimeout: timings.REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 }, app.callback());
  const gateway = attachSocketGateway(server, sessions, logger.child({ module: 'realtime' }), {
    adapter: redis ? redisStreamsAdapter(redis, config.redisKeyPrefix) : undefined,
    publicOrigin,
    trustedProxies: config.trustedProxies,
    now,
    conversationAccess: (id, actor) => conversations.access(id, actor),
    onAnalyticsChangedElsewhere: () => liveAnalytics.changedElsewhere(),
    onConversationOpened: (id, operatorId) => void readReceipts.opened(id, operatorId),
    onTyping: (id, operatorId) => void lineTyping.typing(id, operatorId),
    onOperatorLeft: (operatorId, remaining) => {
      presence.left(operatorId, remaining).catch((error: unknown) => logger.warn({ error: String(error) }, 'presence update failed'));
    },
  });
  inbox.attach(gateway.channel);
  liveAnalytics.attach(gateway.analytics);
  sessions.attachSockets(gateway.sockets);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  webhookUrl = `http://127.0.0.1:${port}/webhooks/line`;

  // before anything is claimed: a lone SQLite engine takes back what its dead predecessor held
  const heartbeat = new EngineHeartbeat(store, logger.child({ module: 'heartbeat' }), { instanceId, database: config.database }, () => {
    processor.kick();
    dispatcher.sweep().catch((error: unknown) => logger.error({ error: String(error) }, 'outbox sweep failed'));
  });
  await heartbeat.start();
  if (options.processEvents !== false) processor.start();
  mediaFetcher.start();
  richMenus.start();
  relayDeliverer.start();
  lineQuota.start();
  followUps.start();
  const sweep = () => dispatcher.sweep().catch((error: unknown) => logger.error({ error: String(error) }, 'outbox sweep failed'));
  void sweep();
  const sweepTimer = setInterval(sweep, timings.OUTBOX_SWEEP_MS);
  const watcher = config.watchFlows ? new FlowFolderWatcher(config.flowsDir, flows, logger.child({ module: 'flows' })) : null;
  watcher?.start();
  const resumes = new ResumeScanner(store, now, () => processor.kick());
  const resumeTimer = setInterval(() => {
    resumes.scan().catch((error: unknown) => logger.error({ error: String(error) }, 'resume scan failed'));
  }, timings.RESUME_SCAN_MS);

  const autoClose = new AutoCloseService(store, flows, conversations, dispatcher, publisher, chatLogger, now);
  const jobs = [
    retentionJob(new RetentionService(store, config.cron.retentionDays, config.auth.auditRetentionDays), config.cron.retentionSchedule),
    autoCloseJob(autoClose, timings.CHAT_JOBS_SCHEDULE),
    queueTimeoutJob(new QueueTimeoutsService(store, flows, plugins, now, () => processor.kick()), timings.CHAT_JOBS_SCHEDULE),
    analyticsRollupJob(rollup, config.analytics.rollupSchedule),
  ];
  for (const job of jobs) cron.register(job);
  if (config.cron.enabled) cron.start();
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
    routes,
    instanceId,
    async runJob(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no cron job "${name}"`);
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
        lineQuota.stop();
        await watcher?.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // events, outbound batches and cron runs in hand finish, up to a bound; the rest is handed back
        profiles.stop();
        // in order: the events in hand finish, then the work they started, then the sends they queued;
        // a hung LINE is not waited out (an abandoned push is handed back, an abandoned reply is uncertain)
        const chat = {
          async stop() {
            const waitMs = timings.SHUTDOWN_WORK_WAIT_MS * 0.8;
            const deadline = Date.now() + waitMs;
            // even if an event in hand never finishes, the sends in flight are abandoned in time
            const abandon = setTimeout(() => dispatcher.abortAll(), waitMs);
            try {
              await processor.stop();
              await followUps.stop();
              await dispatcher.stop(Math.max(0, deadline - Date.now()));
            } finally {
              clearTimeout(abandon);
            }
          },
        };
        await finishOrHandBack([cron, chat], store, instanceId, timings.SHUTDOWN_WORK_WAIT_MS, logger);
        // downloads in hand are abandoned and handed back: another engine (or this one restarted) fetches them
        await mediaFetcher.stop();
        await richMenus.stop();
        // attempts in hand are abandoned and handed back: another engine (or this one restarted) sends them
        relayTargets.stop();
        await relayDeliverer.stop();
        channels.stop();
        await heartbeat.stop();
        // operators are disconnected and reconnect to another engine, which replays what they missed
        await gateway.io.close();
        await liveAnalytics.stop();
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
