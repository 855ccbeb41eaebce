import { msg, str } from '@lit/localize';
import type { LineQuotaDto } from '../../../engine/contracts/line-quota.ts';

/** The warning as admins read it, or null when there is none (docs/line-quota.md says when). */
export function quotaWarningText(quota: LineQuotaDto): string | null {
  const warning = quota.warning;
  if (!warning) return null;
  const used = warning.percent;
  const runsOut = quota.forecast.runsOutOn;
  if (runsOut !== null && used >= 100) return msg(str`LINE's message quota for this month is used up (${used}%): pushes to customers fail until it resets.`);
  if (runsOut !== null) return msg(str`At this pace, LINE's message quota runs out on ${runsOut} (${used}% used): pushes to customers would then fail until the month ends.`);
  return msg(str`${used}% of LINE's message quota for this month is used.`);
}
