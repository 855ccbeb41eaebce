/** The repositories over one connection or one transaction. Services reach the database only here. */
import type { Knex } from 'knex';
import { closeDatabase } from './database.ts';
import { AnalyticsRepo } from './repositories/analytics.repo.ts';
import { AuditRepo } from './repositories/audit.repo.ts';
import { ChatMembersRepo } from './repositories/chat-members.repo.ts';
import { ChannelsRepo } from './repositories/channels.repo.ts';
import { ConversationEventsRepo } from './repositories/conversation-events.repo.ts';
import { ConversationReadsRepo } from './repositories/conversation-reads.repo.ts';
import { ConversationsRepo } from './repositories/conversations.repo.ts';
import { CustomersRepo } from './repositories/customers.repo.ts';
import { EnginesRepo } from './repositories/engines.repo.ts';
import { FlowVersionsRepo } from './repositories/flow-versions.repo.ts';
import { JobRunsRepo } from './repositories/job-runs.repo.ts';
import { LineSendsRepo } from './repositories/line-sends.repo.ts';
import { MediaRepo } from './repositories/media.repo.ts';
import { MessagesRepo } from './repositories/messages.repo.ts';
import { OperatorsRepo } from './repositories/operators.repo.ts';
import { RelayDeliveriesRepo } from './repositories/relay-deliveries.repo.ts';
import { RelayTargetsRepo } from './repositories/relay-targets.repo.ts';
import { RichMenusRepo } from './repositories/rich-menus.repo.ts';
import { SessionsRepo } from './repositories/sessions.repo.ts';
import { SettingsRepo } from './repositories/settings.repo.ts';
import { WebhookEventsRepo } from './repositories/webhook-events.repo.ts';
import { inTransaction } from './sqlite-transactions.ts';

export interface Store {
  customers: CustomersRepo;
  conversations: ConversationsRepo;
  messages: MessagesRepo;
  /** inbound media: the fetch queue and where the bytes are kept */
  media: MediaRepo;
  operators: OperatorsRepo;
  webhookEvents: WebhookEventsRepo;
  flowVersions: FlowVersionsRepo;
  settings: SettingsRepo;
  jobRuns: JobRunsRepo;
  engines: EnginesRepo;
  sessions: SessionsRepo;
  audit: AuditRepo;
  conversationEvents: ConversationEventsRepo;
  conversationReads: ConversationReadsRepo;
  analytics: AnalyticsRepo;
  /** what went to LINE by reply and by push (the quota) */
  lineSends: LineSendsRepo;
  /** the webhook relay: its targets and its queue of deliveries */
  relayTargets: RelayTargetsRepo;
  relayDeliveries: RelayDeliveriesRepo;
  /** LINE rich menus made per flow version, and the link calls that follow each customer's conversation */
  richMenus: RichMenusRepo;
  /** group and room members' names, and whether a group chat may reach a human */
  chatMembers: ChatMembersRepo;
  /** LINE channels (several Official Accounts), their credentials encrypted */
  channels: ChannelsRepo;
  /** runs fn in one transaction: everything it wrote commits together or not at all */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** true when the connection answers a trivial query */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function createStore(db: Knex): Store {
  return {
    customers: new CustomersRepo(db),
    conversations: new ConversationsRepo(db),
    messages: new MessagesRepo(db),
    media: new MediaRepo(db),
    operators: new OperatorsRepo(db),
    webhookEvents: new WebhookEventsRepo(db),
    flowVersions: new FlowVersionsRepo(db),
    settings: new SettingsRepo(db),
    jobRuns: new JobRunsRepo(db),
    engines: new EnginesRepo(db),
    sessions: new SessionsRepo(db),
    audit: new AuditRepo(db),
    conversationEvents: new ConversationEventsRepo(db),
    conversationReads: new ConversationReadsRepo(db),
    analytics: new AnalyticsRepo(db),
    relayTargets: new RelayTargetsRepo(db),
    relayDeliveries: new RelayDeliveriesRepo(db),
    richMenus: new RichMenusRepo(db),
    chatMembers: new ChatMembersRepo(db),
    lineSends: new LineSendsRepo(db),
    channels: new ChannelsRepo(db),
    transaction: (fn) => inTransaction(db, (trx) => fn(storeOf(trx))),
    ping: async () => {
      try {
        await db.raw('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => closeDatabase(db),
  };
}

/**
 * The repositories over a transaction's knex object. On SQLite every transaction runs over the same
 * one (sqlite-transactions.ts), so its repositories are made once.
 */
const transactionStores = new WeakMap<Knex, Store>();
function storeOf(trx: Knex): Store {
  let store = transactionStores.get(trx);
  if (!store) {
    store = createStore(trx);
    transactionStores.set(trx, store);
  }
  return store;
}
