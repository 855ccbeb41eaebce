/**
 * The audit log: who did what, when, from where, to what. Written after the action it records (a failed
 * write is logged, never undoes the action), read by supervisors and admins, exported as CSV (itself an
 * audited action), and cut by age by the retention job. Nothing here changes a row once written.
 */
import type { AuditEntryDto } from '../../contracts/rest.ts';
import type { Logger } from '../../logger.ts';
import type { AuditFilter, AuditRow } from '../../store/repositories/audit.repo.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import type { Store } from '../../store/store.ts';
import type { Actor } from '../auth/principal.ts';

/** Every action the log records; a stable vocabulary for filters and for whoever reads exports. */
export const AuditAction = {
  LOGIN: 'auth.login',
  LOGIN_FAILED: 'auth.login_failed',
  LOGOUT: 'auth.logout',
  SESSION_REVOKED: 'auth.session_revoked',
  REFRESH_REUSED: 'auth.refresh_reused',
  PASSWORD_CHANGED: 'auth.password_changed',
  MFA_ENABLED: 'mfa.enabled',
  MFA_DISABLED: 'mfa.disabled',
  MFA_RESET: 'mfa.reset',
  OPERATOR_CREATED: 'operator.created',
  OPERATOR_UPDATED: 'operator.updated',
  OPERATOR_PASSWORD_RESET: 'operator.password_reset',
  INVITE_ACCEPTED: 'operator.invite_accepted',
  SETTINGS_UPDATED: 'settings.updated',
  FLOW_PUBLISHED: 'flow.published',
  FLOW_ACTIVATED: 'flow.activated',
  CONVERSATION_CLAIMED: 'conversation.claimed',
  CONVERSATION_TRANSFERRED: 'conversation.transferred',
  CONVERSATION_CLOSED: 'conversation.closed',
  CONVERSATION_REOPENED: 'conversation.reopened',
  CUSTOMER_TAGS_CHANGED: 'customer.tags_changed',
  AUDIT_EXPORTED: 'audit.exported',
  /** an admin ran a cron job by hand (Studio › Jobs) */
  JOB_RUN: 'job.run',
  /** the system warned admins that LINE's monthly message quota is running out (docs/line-quota.md) */
  LINE_QUOTA_WARNING: 'line.quota_warning',
  /** webhook relay targets (docs/relay.md); the secret is never in the details */
  RELAY_TARGET_CREATED: 'relay_target.created',
  RELAY_TARGET_UPDATED: 'relay_target.updated',
  RELAY_TARGET_DELETED: 'relay_target.deleted',
  RELAY_TARGET_SECRET_ROTATED: 'relay_target.secret_rotated',
  /** LINE channels (docs/channels.md); secrets and tokens are never in the details, only that they changed */
  CHANNEL_CREATED: 'channel.created',
  CHANNEL_UPDATED: 'channel.updated',
  CHANNEL_DELETED: 'channel.deleted',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditRecord {
  action: AuditAction;
  /** null: the system (cron, auto-assignment), or nobody known (a sign-in with an unknown email) */
  actor: Actor | null;
  /** when there is no operator, the email that was tried */
  actorEmail?: string;
  target?: { type: 'operator' | 'conversation' | 'customer' | 'flow_version' | 'session' | 'settings' | 'job' | 'relay_target' | 'channel'; id: string };
  details?: Record<string, unknown>;
  /** overrides the actor's address */
  address?: string | null;
}

export function toAuditEntryDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    address: row.address,
    details: parseJson<Record<string, unknown>>(row.details, {}),
  };
}

export class AuditService {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    try {
      await this.store.audit.insert({
        at: this.now(),
        actor_id: entry.actor?.operatorId ?? null,
        actor_email: (entry.actor?.email ?? entry.actorEmail ?? null)?.slice(0, 200) ?? null,
        action: entry.action,
        target_type: entry.target?.type ?? null,
        target_id: entry.target?.id.slice(0, 80) ?? null,
        address: (entry.address !== undefined ? entry.address : entry.actor?.address ?? null)?.slice(0, 64) ?? null,
        details: JSON.stringify(entry.details ?? {}),
      });
    } catch (error) {
      this.logger.error({ action: entry.action, error: error instanceof Error ? error.message : String(error) }, 'audit entry not written');
    }
  }

  async list(filter: AuditFilter, limit: number): Promise<{ entries: AuditEntryDto[]; nextBefore: number | null }> {
    const rows = await this.store.audit.list(filter, limit);
    const last = rows[rows.length - 1];
    return { entries: rows.map(toAuditEntryDto), nextBefore: rows.length === limit && last ? last.id : null };
  }

  /** the filtered log, newest first, a page at a time (for a streamed export) */
  pages(filter: AuditFilter): AsyncGenerator<AuditRow[]> {
    return this.store.audit.pages(filter);
  }
}
