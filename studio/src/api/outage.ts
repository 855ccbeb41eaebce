import { ApiRequestError } from './api-error.ts';
import { EngineUnreachableError } from './fetch-engine.ts';

/** Why a call did not get through: nothing answered, or the engine answered that it cannot serve now. */
export const OutageKind = { UNREACHABLE: 'unreachable', BUSY: 'busy' } as const;
export type OutageKind = (typeof OutageKind)[keyof typeof OutageKind];

export interface Outage {
  kind: OutageKind;
  /** the engine's Retry-After, when it sent one */
  retryAfterSeconds: number | null;
}

/** Gateway answers: a proxy in front of the engine saying the engine is not there. */
const GATEWAY_STATUSES = new Set([502, 504]);

/** The outage an error stands for, or null for an answer worth showing as it is (404, 409, 422 …). */
export function outageOf(error: unknown): Outage | null {
  if (error instanceof EngineUnreachableError) return { kind: OutageKind.UNREACHABLE, retryAfterSeconds: null };
  if (!(error instanceof ApiRequestError)) return null;
  if (error.status === 503) return { kind: OutageKind.BUSY, retryAfterSeconds: error.retryAfterSeconds };
  if (GATEWAY_STATUSES.has(error.status)) return { kind: OutageKind.UNREACHABLE, retryAfterSeconds: error.retryAfterSeconds };
  return null;
}
