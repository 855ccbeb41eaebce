/**
 * A list of channel ids that limits or filters something (an operator's channels, a relay target's) must
 * name channels that exist: a misspelt id would silently match nothing. 400 unknown_channel names the first
 * one that does not.
 */
import { badRequest } from '../../errors.ts';

export async function assertChannelsExist(ids: Iterable<string>, exists: (channelId: string) => Promise<boolean>): Promise<void> {
  for (const id of new Set(ids)) {
    if (!(await exists(id))) throw badRequest('unknown_channel', `channels: no LINE channel "${id}"`);
  }
}
