import type { LineQuotaDto } from '../../../engine/contracts/line-quota.ts';
import { request } from '../api/api-client.ts';

/** GET /api/line/quota (supervisors and admins): LINE's monthly message quota, its forecast and warning. */
export const lineQuota = {
  get: (signal?: AbortSignal) => request<LineQuotaDto>('GET', '/api/line/quota', { signal }),
};
