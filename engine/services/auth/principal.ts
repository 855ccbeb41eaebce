import type { Role, SessionRestriction } from '../../contracts/rest.ts';

/** Who is asking: the signed-in operator as the server knows them now (role read per request, not from the token). */
export interface Principal {
  operatorId: string;
  sessionId: string;
  email: string;
  name: string;
  role: Role;
  restriction: SessionRestriction | null;
  /** the client's address as the HTTP layer trusts it (BATON_TRUST_PROXY) */
  address: string | null;
  /** when the access token presented expires, epoch ms (a socket is ended then) */
  tokenExpiresAt: number;
  /** the LINE channels they work in, read per request like the role; null: every channel */
  channels: string[] | null;
}

/** Who did something, for the audit log and permission checks; null operatorId: the system (cron, auto-assignment). */
export interface Actor {
  operatorId: string;
  role: Role;
  email?: string;
  address?: string | null;
  /** the LINE channels they work in; null or absent: every channel */
  channels?: string[] | null;
}

export const actorOf = (principal: Principal): Actor => ({
  operatorId: principal.operatorId,
  role: principal.role,
  email: principal.email,
  address: principal.address,
  channels: principal.channels,
});
