/**
 * LINE's message quota is per channel (each Official Account has its own plan): one LineQuotaService per
 * channel, each asking LINE with its channel's token and counting its own customers' pushes. The default
 * channel's runs from the start (the minute's look, the warning); another channel's is made when its quota is
 * first asked for and is looked at, and warned of, when asked (docs/channels.md).
 */
import { DEFAULT_CHANNEL_ID } from '../../contracts/channels.ts';
import type { LineQuotaDto } from '../../contracts/line-quota.ts';
import { badRequest } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChannelRegistry } from '../channels/channel-registry.ts';
import { LineQuotaService, type LineQuotaOptions } from './line-quota.service.ts';

export class LineQuotaByChannel {
  private readonly others = new Map<string, LineQuotaService>();

  constructor(
    private readonly main: LineQuotaService,
    private readonly channels: Pick<ChannelRegistry, 'has' | 'of'>,
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: Pick<LineQuotaOptions, 'warnPercent'>,
  ) {}

  /** the channel's quota as the dashboard shows it; 400 invalid_channel for a channel that is not configured */
  async view(channelId = DEFAULT_CHANNEL_ID): Promise<LineQuotaDto> {
    if (channelId === DEFAULT_CHANNEL_ID) return this.main.view();
    if (!(await this.channels.has(channelId))) throw badRequest('invalid_channel', `channel: no LINE channel "${channelId}"`);
    let service = this.others.get(channelId);
    if (!service) {
      // the client is looked up per call: a rotated token is used from then on
      const line = {
        getMessageQuota: async () => (await this.channels.of(channelId)).getMessageQuota(),
        getMessageQuotaConsumption: async () => (await this.channels.of(channelId)).getMessageQuotaConsumption(),
      };
      service = new LineQuotaService(line, this.store, this.audit, this.logger, this.now, { ...this.options, channelId });
      this.others.set(channelId, service);
    }
    return service.view();
  }
}
