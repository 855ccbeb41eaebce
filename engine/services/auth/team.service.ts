/**
 * The team, managed by admins: add operators (with a password, a one-time password or an invite link), change
 * their role, teams, skills and capacity, reset a password or MFA, deactivate. Changes that take rights away
 * take effect at once: a deactivated operator's sessions and sockets end and their chats go back to the queue;
 * a role change reconnects their sockets to the rooms of the new role. A null actor is the command line.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CreateOperatorRequest, CreateOperatorResponse, OperatorDto, ResetPasswordResponse, UpdateOperatorRequest } from '../../contracts/rest.ts';
import { conflict, notFound } from '../../errors.ts';
import { operatorChannels, toOperatorDto, type OperatorChanges, type OperatorRow } from '../../store/repositories/operators.repo.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import type { Store } from '../../store/store.ts';
import { AuditAction, type AuditService } from '../audit/audit.service.ts';
import { assertChannelsExist } from '../channels/channel-ids-check.ts';
import { generatePassword, unusableHash } from './password.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { checkNewPassword } from './password-policy.ts';
import type { Actor } from './principal.ts';
import { hashToken } from './refresh-token.ts';
import type { SessionService } from './session.service.ts';

/** how long an invite link works */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface TeamDeps {
  store: Store;
  hasher: PasswordHasher;
  sessions: SessionService;
  audit: AuditService;
  now: () => number;
  /** where people reach the studio: invite links start with it */
  publicUrl: string;
  /** puts the operator's open conversations back in the queue (they were deactivated) */
  releaseConversations: (operatorId: string) => Promise<void>;
  /** who acts when no operator does (the command line): named in the audit log */
  systemActor?: string;
  /** whether a LINE channel exists (an operator limited to an unknown one: 400) */
  channelExists?: (channelId: string) => Promise<boolean>;
}

const uniqueList = (values: string[]) => JSON.stringify([...new Set(values.map((v) => v.trim()).filter(Boolean))]);

export class TeamService {
  constructor(private readonly deps: TeamDeps) {}

  async list(): Promise<OperatorDto[]> {
    return (await this.deps.store.operators.list()).map(toOperatorDto);
  }

  async create(actor: Actor | null, request: CreateOperatorRequest): Promise<CreateOperatorResponse> {
    const { store, hasher, audit, now } = this.deps;
    if (await store.operators.findByEmail(request.email)) throw conflict('email_taken', 'An operator with this email exists');
    if (request.password !== undefined) checkNewPassword(request.password, request.email);
    const id = randomUUID();
    const channels = await this.channelList(request.channels);
    const inviteToken = request.password === undefined ? randomBytes(32).toString('base64url') : null;
    const expiresAt = inviteToken ? now() + INVITE_TTL_MS : null;
    const inserted = await store.operators.insertIfNew({
      id,
      email: request.email.trim(),
      name: request.name.trim(),
      role: request.role,
      teams: uniqueList(request.teams ?? []),
      skills: uniqueList(request.skills ?? []),
      capacity: request.capacity ?? 5,
      presence: 'offline',
      password_hash: request.password === undefined ? unusableHash() : await hasher.hash(request.password),
      must_change_password: request.password !== undefined && request.mustChangePassword === true,
      totp_secret: null,
      invite_hash: inviteToken ? hashToken(inviteToken) : null,
      invite_expires_at: expiresAt,
      channels,
      created_at: now(),
    });
    if (!inserted) throw conflict('email_taken', 'An operator with this email exists');
    const operator = await this.operator(id);
    await audit.record({
      action: AuditAction.OPERATOR_CREATED,
      actor,
      actorEmail: this.deps.systemActor,
      target: { type: 'operator', id },
      details: { email: operator.email, role: operator.role, invite: inviteToken !== null, mustChangePassword: Boolean(operator.must_change_password) },
    });
    return { operator: toOperatorDto(operator), invite: inviteToken && expiresAt ? { url: this.inviteUrl(inviteToken), expiresAt } : null };
  }

  async update(actor: Actor | null, id: string, request: UpdateOperatorRequest): Promise<OperatorDto> {
    const { store, sessions, audit } = this.deps;
    const before = await this.operator(id);
    const losesAdmin = before.role === 'admin' && Boolean(before.active) && ((request.role !== undefined && request.role !== 'admin') || request.active === false);
    if (losesAdmin && (await store.operators.countActiveAdmins()) <= 1) throw conflict('last_admin', 'This is the last active admin: make someone else admin first');
    const changes: OperatorChanges = {};
    if (request.name !== undefined) changes.name = request.name.trim();
    if (request.role !== undefined) changes.role = request.role;
    if (request.teams !== undefined) changes.teams = uniqueList(request.teams);
    if (request.skills !== undefined) changes.skills = uniqueList(request.skills);
    if (request.capacity !== undefined) changes.capacity = request.capacity;
    if (request.active !== undefined) changes.active = request.active;
    if (request.channels !== undefined) changes.channels = await this.channelList(request.channels);
    if (request.active === false) changes.presence = 'offline';
    const after = (await store.operators.update(id, changes)) ?? before;
    if (request.active === false && before.active) {
      await sessions.endAll(id, 'deactivated');
      await this.deps.releaseConversations(id);
    } else if ((request.role !== undefined && request.role !== before.role) || (request.channels !== undefined && after.channels !== before.channels)) {
      // their sockets reconnect into the rooms of the new role or channels
      sessions.roleChanged(id);
    }
    await audit.record({ action: AuditAction.OPERATOR_UPDATED, actor, actorEmail: this.deps.systemActor, target: { type: 'operator', id }, details: { changes: describeChanges(before, request) } });
    return toOperatorDto(after);
  }

  /** A one-time password, shown once to the admin; the operator's sessions end and they choose their own at sign-in. */
  async resetPassword(actor: Actor | null, id: string): Promise<ResetPasswordResponse> {
    const { store, hasher, sessions, audit } = this.deps;
    await this.operator(id);
    const temporaryPassword = generatePassword();
    await store.operators.setPassword(id, await hasher.hash(temporaryPassword), true);
    await sessions.endAll(id, 'password_reset');
    await audit.record({ action: AuditAction.OPERATOR_PASSWORD_RESET, actor, actorEmail: this.deps.systemActor, target: { type: 'operator', id } });
    return { temporaryPassword, operator: toOperatorDto(await this.operator(id)) };
  }

  /** A lost phone: MFA off; their sessions end, and where MFA is required they enrol again at the next sign-in. */
  async resetMfa(actor: Actor | null, id: string): Promise<OperatorDto> {
    const { store, sessions, audit } = this.deps;
    await this.operator(id);
    await store.operators.setMfa(id, { totp_secret: null, totp_pending_secret: null, recovery_codes: '[]', totp_last_step: null });
    await sessions.endAll(id, 'mfa_reset');
    await audit.record({ action: AuditAction.MFA_RESET, actor, actorEmail: this.deps.systemActor, target: { type: 'operator', id } });
    return toOperatorDto(await this.operator(id));
  }

  /** the column's JSON for a list of channel ids (null: every channel); an unknown channel is a 400 naming it */
  private async channelList(channels: string[] | null | undefined): Promise<string | null> {
    if (channels === null || channels === undefined) return null;
    const unique = [...new Set(channels)];
    await assertChannelsExist(unique, (id) => this.deps.channelExists?.(id) ?? Promise.resolve(id === 'default'));
    return JSON.stringify(unique);
  }

  private inviteUrl(token: string): string {
    return `${this.deps.publicUrl}/#/invite/${token}`;
  }

  private async operator(id: string): Promise<OperatorRow> {
    const operator = await this.deps.store.operators.findById(id);
    if (!operator) throw notFound('Operator');
    return operator;
  }
}

const EDITABLE = ['name', 'role', 'teams', 'skills', 'capacity', 'active', 'channels'] as const;

/** what changed, as `{ field: [before, after] }`, for the audit log */
function describeChanges(before: OperatorRow, request: UpdateOperatorRequest): Record<string, [unknown, unknown]> {
  const current: Record<(typeof EDITABLE)[number], unknown> = {
    name: before.name,
    role: before.role,
    teams: parseJson<string[]>(before.teams, []),
    skills: parseJson<string[]>(before.skills, []),
    capacity: before.capacity,
    active: Boolean(before.active),
    channels: operatorChannels(before),
  };
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of EDITABLE) {
    const value = request[key];
    if (value !== undefined && JSON.stringify(current[key]) !== JSON.stringify(value)) changes[key] = [current[key], value];
  }
  return changes;
}
