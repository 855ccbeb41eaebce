/** Migrations live in code (not discovered from files) so they run the same under tsx, tests and builds. */
import type { Knex } from 'knex';
import * as initial from './001-initial.ts';
import * as scaleOut from './002-scale-out.ts';
import * as flowRuntime from './003-flow-runtime.ts';
import * as liveEventIndexes from './004-live-event-indexes.ts';
import * as closedConversationsByTime from './005-closed-conversations-by-time.ts';
import * as teamAndSessions from './006-team-and-sessions.ts';
import * as engineHeartbeats from './007-engine-heartbeats.ts';
import * as analytics from './008-analytics.ts';
import * as analyticsCoveringIndexes from './009-analytics-covering-indexes.ts';
import * as lineReadAndLoading from './010-line-read-and-loading.ts';
import * as conversationReads from './011-conversation-reads.ts';
import * as assignedAutomatically from './012-assigned-automatically.ts';
import * as conversationActions from './013-conversation-actions.ts';
import * as flowPublishNotes from './014-flow-publish-notes.ts';
import * as messageMedia from './015-message-media.ts';
import * as webhookRelay from './016-webhook-relay.ts';
import * as richMenus from './017-rich-menus.ts';
import * as channels from './018-channels.ts';
import * as groupChats from './019-group-chats.ts';
import * as richMenusPerChannel from './020-rich-menus-per-channel.ts';
import * as messagesPartialIndexes from './021-messages-partial-indexes.ts';
import * as relayTargetChannels from './022-relay-target-channels.ts';
import * as relaySecretsSealed from './023-relay-secrets-sealed.ts';
import * as messagesPendingByCustomer from './024-messages-pending-by-customer.ts';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-scale-out': scaleOut,
  '003-flow-runtime': flowRuntime,
  '004-live-event-indexes': liveEventIndexes,
  '005-closed-conversations-by-time': closedConversationsByTime,
  '006-team-and-sessions': teamAndSessions,
  '007-engine-heartbeats': engineHeartbeats,
  '008-analytics': analytics,
  '009-analytics-covering-indexes': analyticsCoveringIndexes,
  '010-line-read-and-loading': lineReadAndLoading,
  '011-conversation-reads': conversationReads,
  '012-assigned-automatically': assignedAutomatically,
  '013-conversation-actions': conversationActions,
  '014-flow-publish-notes': flowPublishNotes,
  '015-message-media': messageMedia,
  '016-webhook-relay': webhookRelay,
  '017-rich-menus': richMenus,
  '018-channels': channels,
  '019-group-chats': groupChats,
  '020-rich-menus-per-channel': richMenusPerChannel,
  '021-messages-partial-indexes': messagesPartialIndexes,
  '022-relay-target-channels': relayTargetChannels,
  '023-relay-secrets-sealed': relaySecretsSealed,
  '024-messages-pending-by-customer': messagesPendingByCustomer,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = migrations[name];
    if (!migration) throw new Error(`unknown migration ${name}`);
    return migration;
  },
};
