/**
 * Which LINE client speaks for whom. Every call to LINE must carry the token of the channel the customer
 * wrote to: channel B's token for a user of channel A is refused by LINE at best, and at worst (two channels
 * of one provider share user ids) reaches the person through the wrong account.
 */
import type { LineClient } from '../../line/line-client.ts';
import type { RichMenuClient } from '../../line/rich-menu-client.ts';

export interface LineClients {
  /** the channel's client; throws UnknownChannelError when no such channel is configured (any more) */
  of(channelId: string): Promise<LineClient>;
  /** the client of the channel the customer belongs to */
  ofCustomer(customerId: string): Promise<LineClient>;
  /** the channel's rich menu client (rich menus are per channel at LINE) */
  richMenusOf(channelId: string): Promise<RichMenuClient>;
  /**
   * when the channel these clients are for was added; null for the environment's channel, which is never
   * deleted. A channel deleted and added again under its id (maybe for another account) has a new one.
   */
  addedAt(channelId: string): Promise<number | null>;
}

export class UnknownChannelError extends Error {
  constructor(readonly channelId: string) {
    super(`no LINE channel "${channelId}" is configured`);
    this.name = 'UnknownChannelError';
  }
}

/** one client for everything: a single channel (unit tests, tools) */
export function singleLineClient(line: LineClient, richMenus?: RichMenuClient): LineClients {
  return {
    of: () => Promise.resolve(line),
    ofCustomer: () => Promise.resolve(line),
    richMenusOf: () => (richMenus ? Promise.resolve(richMenus) : Promise.reject(new Error('no rich menu client'))),
    addedAt: () => Promise.resolve(null),
  };
}
