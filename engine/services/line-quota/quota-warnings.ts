import type { QuotaWarning, QuotaWarningReason } from '../../domain/line-quota/quota-warning.ts';
import { DEFAULT_CHANNEL_ID } from '../../contracts/channels.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { AuditAction, type AuditService } from '../audit/audit.service.ts';

/** settings key holding the month and the reasons admins were last warned for, e.g. '2026-07 threshold,forecast' */
const WARNED_KEY = 'line_quota_warned';

/**
 * Writes a quota warning to the audit log and the log once per crossing: when a reason (threshold, forecast)
 * appears that was not there at the last look this month. A reason that goes away (a bigger plan, a slower
 * pace) and comes back is a new crossing. Kept in the settings table, so a restart or another engine does not
 * warn again (two engines looking in the same instant may both write it: a duplicate, never a miss).
 */
export class QuotaWarnings {
  /** `channelId`: the LINE channel warned of (docs/channels.md); the default channel's key is the one Baton always had */
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly logger: Logger,
    private readonly channelId?: string,
  ) {}

  private get key(): string {
    return this.channelId === undefined || this.channelId === DEFAULT_CHANNEL_ID ? WARNED_KEY : `${WARNED_KEY}:${this.channelId}`;
  }

  async noted(month: string, warning: QuotaWarning | null, figures: { used: number; limit: number | null; runsOutOn: string | null; warnPercent: number }): Promise<void> {
    const now: QuotaWarningReason[] = warning?.reasons ?? [];
    const stored = parse(await this.store.settings.get(this.key));
    const before = stored.month === month ? stored.reasons : [];
    const crossed = now.filter((reason) => !before.includes(reason));
    if (crossed.length > 0 && warning) {
      const details = { channel: this.channelId ?? DEFAULT_CHANNEL_ID, month, reasons: crossed, used: figures.used, limit: figures.limit, percent: warning.percent, warnPercent: figures.warnPercent, runsOutOn: figures.runsOutOn };
      this.logger.warn(details, 'LINE message quota is running out');
      await this.audit.record({ action: AuditAction.LINE_QUOTA_WARNING, actor: null, details });
    }
    if (stored.month !== month || now.join(',') !== before.join(',')) await this.store.settings.set(this.key, `${month} ${now.join(',')}`);
  }
}

function parse(value: string | null): { month: string | null; reasons: string[] } {
  if (!value) return { month: null, reasons: [] };
  const [month = null, reasons = ''] = value.split(' ');
  return { month, reasons: reasons.split(',').filter(Boolean) };
}
