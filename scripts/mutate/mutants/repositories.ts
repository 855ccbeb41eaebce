/** Mutants of the repositories: engine/store/repositories/. */
import type { Mutant } from '../mutant.ts';

const conversations = 'engine/store/repositories/conversations.repo.ts';
const events = 'engine/store/repositories/webhook-events.repo.ts';
const messages = 'engine/store/repositories/messages.repo.ts';

export const repositoryMutants: Mutant[] = [
  {
    id: 'ttl-kept-token-ignores-age',
    file: 'engine/store/repositories/customers.repo.ts',
    find: 'if (!row?.reply_token || expiresAt <= now) return null;',
    replace: 'if (!row?.reply_token) return null;',
    suites: ['test/integration/reply-token-ttl.test.ts'],
    bug: "the customer's kept reply token is handed to the operator's answer after it aged (the dispatcher still refuses it)",
  },
  // conversations
  {
    id: 'claim-takes-active-chat',
    file: conversations,
    find: ".where({ id, status: 'WAITING' })\n      .update({ status: 'ACTIVE', operator_id: operatorId, claimed_at: now, updated_at: now });",
    replace: ".where({ id }).whereIn('status', ['WAITING', 'ACTIVE'])\n      .update({ status: 'ACTIVE', operator_id: operatorId, claimed_at: now, updated_at: now });",
    suites: ['test/integration/conversation-ownership.test.ts'],
    bug: 'a second operator silently takes a chat from the first (both claims answer 200)',
  },
  {
    id: 'close-closes-twice',
    file: conversations,
    find: ".whereIn('status', ['WAITING', 'ACTIVE'])\n      .update({ status: 'CLOSED', closed_at: now, close_reason: reason, updated_at: now });",
    replace: ".update({ status: 'CLOSED', closed_at: now, close_reason: reason, updated_at: now });",
    suites: ['test/integration/handoff-journey.test.ts', 'test/integration/routing-queue-autoclose.test.ts', 'test/integration/customer-blocks-account.test.ts'],
    bug: 'closing a closed conversation again succeeds: its close time, reason and survey are overwritten',
  },
  {
    id: 'queue-served-lowest-priority-first',
    file: conversations,
    find: "orderBy([{ column: 'priority', order: 'desc' }, { column: 'created_at' }, { column: 'id' }])",
    replace: "orderBy([{ column: 'priority', order: 'asc' }, { column: 'created_at' }, { column: 'id' }])",
    suites: ['test/integration/routing-queue-autoclose.test.ts'],
    bug: 'a VIP (higher priority) waits behind everyone else',
  },
  {
    id: 'max-wait-step-repeats',
    file: conversations,
    find: "where({ id, status: 'WAITING', max_wait_handled: false })",
    replace: "where({ id, status: 'WAITING' })",
    suites: ['test/integration/work-claims.test.ts', 'test/integration/routing-queue-autoclose.test.ts'],
    bug: "the queue's time-out step runs again at every sweep: the customer gets the same offer every minute",
  },
  {
    id: 'inactivity-warning-twice',
    file: conversations,
    find: "if (previousAt === null) q.whereNull('inactivity_warned_at');",
    replace: 'if (previousAt === null) void q;',
    suites: ['test/integration/work-claims.test.ts'],
    bug: 'two engines sweeping at once both warn a silent customer',
  },
  {
    id: 'position-notice-twice',
    file: conversations,
    find: "if (previousAt === null) q.whereNull('announced_at');",
    replace: 'if (previousAt === null) void q;',
    suites: ['test/integration/work-claims.test.ts'],
    bug: 'two engines both tell a queued customer their position: the customer gets it twice',
  },
  {
    id: 'offline-operators-assigned',
    file: 'engine/store/repositories/operators.repo.ts',
    find: "where({ presence: 'available', active: true })",
    replace: 'where({ active: true })',
    suites: ['test/integration/handoff-journey.test.ts', 'test/integration/routing-queue-autoclose.test.ts'],
    bug: 'chats are handed to operators who are offline or away',
  },
  // webhook events: one at a time per customer, in order, taken over from dead engines
  {
    id: 'claim-two-events-of-one-customer',
    file: events,
    find: 'if (customers.has(row.source_user_id)) continue;',
    replace: '',
    suites: ['test/integration/work-claims.test.ts'],
    bug: "two events of one customer are handled side by side: answers can come out of order",
  },
  {
    id: 'late-finish-of-taken-over-event-kept',
    file: events,
    find: '.where({ locked_by: workerId, status: WebhookEventStatus.PROCESSING })\n      .update({ status: WebhookEventStatus.DONE',
    replace: '.where({ status: WebhookEventStatus.PROCESSING })\n      .update({ status: WebhookEventStatus.DONE',
    suites: ['test/integration/work-claims.test.ts'],
    bug: 'a slow engine whose event was taken over still commits it: the customer is answered twice',
  },
  {
    id: 'abandoned-events-never-taken-over',
    file: events,
    find: 'const ids = (await this.rows<{ id: string }>(`select e.id ${ABANDONED} limit ${limit}`, [now, now])).map((row) => row.id);',
    replace: 'const ids: string[] = [];',
    suites: ['test/integration/work-claims.test.ts'],
    bug: "an event held by an engine that died is never handled: that customer's messages stop being answered",
  },
  {
    id: 'claim-skips-waiting-for-locks',
    file: events,
    find: 'and ${stillFree} for update skip locked)',
    replace: 'and ${stillFree} for update)',
    suites: ['test/integration/work-claims.test.ts'],
    db: 'postgres',
    bug: "on Postgres, engines wait for each other's candidate events instead of skipping them",
  },
  // the outbox
  {
    id: 'outbound-batch-sent-by-two-engines',
    file: messages,
    find: ".where({ retry_key: retryKey, direction: 'out', delivery_status: 'pending' })\n      .where((w) => w.whereNull('send_locked_until').orWhere('send_locked_until', '<', now))",
    replace: ".where({ retry_key: retryKey, direction: 'out', delivery_status: 'pending' })",
    suites: ['test/integration/work-claims.test.ts'],
    bug: 'two engines send the same batch at once (a sweep and the event that wrote it): LINE gets it twice',
  },
  {
    id: 'failed-reply-keeps-token',
    file: messages,
    find: "      .update({\n        reply_token: null,\n        last_error: error.slice(0, 500),",
    replace: "      .update({\n        last_error: error.slice(0, 500),",
    suites: ['test/integration/restart-recovery.test.ts', 'test/integration/reply-token-ttl.test.ts'],
    bug: 'a reply that failed is tried again with the same (spent) token before every push attempt',
  },
  // cron slots
  {
    id: 'cron-run-overlapped',
    file: 'engine/store/repositories/job-runs.repo.ts',
    find: "if (busy) return { skipped: 'still-running' };",
    replace: '',
    suites: ['test/integration/cron-jobs.test.ts'],
    bug: 'a slow job (auto-close, retention) is started again by its next slot while still running',
  },
  {
    id: 'cron-live-run-abandoned',
    file: 'engine/store/repositories/job-runs.repo.ts',
    find: ".where('locked_until', '<', now)",
    replace: '',
    suites: ['test/integration/cron-jobs.test.ts'],
    bug: 'a job still running is marked abandoned by the next slot of any job',
  },
];
