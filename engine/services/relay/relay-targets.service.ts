/**
 * The relay's targets as admins manage them (studio › Relay, /api/relay-targets): each with its own secret,
 * generated here and shown once (created or rotated), never returned again nor logged; every change audited.
 * Keeps the enabled targets in memory so the webhook's path asks nothing of the database when the relay is
 * off; changes made on another engine reach this one within `refreshMs`.
 */
import type { CreateRelayTargetRequest, RelayTargetDto, RelayTargetSecretResponse, UpdateRelayTargetRequest } from '../../contracts/relay.ts';
import { ulid } from '../../domain/ids/ulid.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { RelayTargetChanges, RelayTargetRow } from '../../store/repositories/relay-targets.repo.ts';
import type { Store } from '../../store/store.ts';
import { AuditAction, type AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import { assertChannelsExist } from '../channels/channel-ids-check.ts';
import { checkRelayUrl } from './relay-target-url.ts';
import { newRelaySecret } from './relay-secret.ts';
import type { RelaySecrets } from './relay-secrets-at-rest.ts';

/** An enabled target as the intake needs it: which events it takes, of which channels. */
export interface ActiveRelayTarget {
  id: string;
  /** null: every event */
  events: ReadonlySet<string> | null;
  /** null: every channel's */
  channels: ReadonlySet<string> | null;
}

const listOf = (column: string | null): string[] | null => (column === null ? null : (JSON.parse(column) as string[]));
const setOf = (column: string | null): ReadonlySet<string> | null => (column === null ? null : new Set(listOf(column)));

/** A filter as stored: null or empty is everything (an empty list would relay nothing, which disabling the target says better). */
function asList(values: readonly string[] | null | undefined): string | null {
  if (!values || values.length === 0) return null;
  return JSON.stringify([...new Set(values)].sort());
}

export class RelayTargets {
  private active: ActiveRelayTarget[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly refreshMs: number,
    /** how secrets are stored: sealed with BATON_ENCRYPTION_KEY when it is set */
    private readonly secrets: RelaySecrets,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn({ error: String(error) }, 'relay targets refresh failed'));
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The enabled targets, from memory: an empty list when the relay is off. */
  enabled(): readonly ActiveRelayTarget[] {
    return this.active;
  }

  async list(): Promise<RelayTargetDto[]> {
    const [rows, counts] = await Promise.all([this.store.relayTargets.list(), this.store.relayTargets.backlog()]);
    const count = (id: string, status: string) => Number(counts.find((c) => c.target_id === id && c.status === status)?.count ?? 0);
    return rows.map((row) => this.toDto(row, count(row.id, 'pending'), count(row.id, 'gave_up')));
  }

  async create(actor: Actor, request: CreateRelayTargetRequest): Promise<RelayTargetSecretResponse> {
    const name = this.checkName(request.name);
    const url = checkRelayUrl(request.url);
    if (await this.store.relayTargets.findByName(name)) throw conflict('name_taken', `A relay target named "${name}" exists already`);
    const at = this.now();
    const secret = newRelaySecret();
    const id = ulid(at);
    const channelIds = await this.channelIds(request.channels);
    await this.store.relayTargets.insert({ id, name, url, secret: this.secrets.seal(id, secret), enabled: request.enabled ?? true, event_types: asList(request.events), channel_ids: channelIds, created_at: at, updated_at: at });
    const target = await this.get(id);
    await this.audit.record({
      action: AuditAction.RELAY_TARGET_CREATED,
      actor,
      target: { type: 'relay_target', id },
      details: { name, url, enabled: target.enabled, events: target.events, channels: target.channels },
    });
    this.logger.info({ targetId: id, name }, 'relay target created');
    await this.refresh();
    return { target, secret };
  }

  async update(actor: Actor, id: string, request: UpdateRelayTargetRequest): Promise<RelayTargetDto> {
    const before = await this.get(id);
    const changes: RelayTargetChanges = {};
    if (request.name !== undefined) {
      changes.name = this.checkName(request.name);
      const other = await this.store.relayTargets.findByName(changes.name);
      if (other && other.id !== id) throw conflict('name_taken', `A relay target named "${changes.name}" exists already`);
    }
    if (request.url !== undefined) changes.url = checkRelayUrl(request.url);
    if (request.enabled !== undefined) changes.enabled = request.enabled;
    if (request.events !== undefined) changes.event_types = asList(request.events);
    if (request.channels !== undefined) changes.channel_ids = await this.channelIds(request.channels);
    await this.store.relayTargets.update(id, { ...changes, updated_at: this.now() });
    const after = await this.get(id);
    const changed = Object.fromEntries(
      (['name', 'url', 'enabled', 'events', 'channels'] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => [k, [before[k], after[k]]]),
    );
    await this.audit.record({ action: AuditAction.RELAY_TARGET_UPDATED, actor, target: { type: 'relay_target', id }, details: { changes: changed } });
    await this.refresh();
    return after;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const target = await this.get(id);
    await this.store.relayTargets.delete(id);
    await this.audit.record({ action: AuditAction.RELAY_TARGET_DELETED, actor, target: { type: 'relay_target', id }, details: { name: target.name } });
    this.logger.info({ targetId: id, name: target.name }, 'relay target deleted');
    await this.refresh();
  }

  /** A new secret, shown once; the old one signs nothing from now on. */
  async rotateSecret(actor: Actor, id: string): Promise<RelayTargetSecretResponse> {
    await this.get(id);
    const secret = newRelaySecret();
    await this.store.relayTargets.update(id, { secret: this.secrets.seal(id, secret), updated_at: this.now() });
    await this.audit.record({ action: AuditAction.RELAY_TARGET_SECRET_ROTATED, actor, target: { type: 'relay_target', id } });
    return { target: await this.get(id), secret };
  }

  private async get(id: string): Promise<RelayTargetDto> {
    const row = await this.store.relayTargets.findById(id);
    if (!row) throw notFound('Relay target');
    const [dto] = (await this.list()).filter((t) => t.id === row.id);
    return dto ?? this.toDto(row, 0, 0);
  }

  private async refresh(): Promise<void> {
    const rows = await this.store.relayTargets.listEnabled();
    this.active = rows.map((row) => ({ id: row.id, events: setOf(row.event_types), channels: setOf(row.channel_ids) }));
  }

  private checkName(value: string): string {
    const name = value.trim();
    if (name.length === 0 || name.length > 80) throw badRequest('invalid_name', 'A name of 1 to 80 characters');
    return name;
  }

  /** the channels as stored, each one that exists */
  private async channelIds(channels: readonly string[] | null | undefined): Promise<string | null> {
    await assertChannelsExist(channels ?? [], async (id) => (await this.store.channels.findById(id)) !== undefined);
    return asList(channels);
  }

  private toDto(row: RelayTargetRow, backlog: number, gaveUp: number): RelayTargetDto {
    return {
      id: row.id,
      name: row.name,
      url: row.url,
      enabled: Boolean(row.enabled),
      events: listOf(row.event_types),
      channels: listOf(row.channel_ids),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      status: {
        backlog,
        gaveUp,
        lastSuccessAt: row.last_success_at === null ? null : Number(row.last_success_at),
        lastFailureAt: row.last_failure_at === null ? null : Number(row.last_failure_at),
        lastError: row.last_error,
      },
    };
  }
}
