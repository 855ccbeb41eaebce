/**
 * Operator availability. `available` operators get waiting conversations assigned; `away` keep their
 * chats but get no new ones; an operator whose last socket closes is `offline`. Becoming available
 * or leaving changes who can take the queue, so both rebalance.
 */
import { forbidden } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { FollowUps } from './follow-ups.ts';

export type Presence = 'available' | 'away' | 'offline';

export class PresenceService {
  constructor(
    private readonly store: Store,
    private readonly followUps: FollowUps,
  ) {}

  async set(operatorId: string, presence: Presence): Promise<void> {
    if (!(await this.store.operators.findById(operatorId))) throw forbidden('This operator no longer exists');
    await this.store.operators.setPresence(operatorId, presence);
    if (presence === 'available') await this.followUps.rebalance();
  }

  /** The operator's socket closed: offline once no socket of theirs is left on any engine. */
  async left(operatorId: string, remaining: () => Promise<number>): Promise<void> {
    if ((await remaining()) === 0) await this.store.operators.setPresence(operatorId, 'offline');
  }
}
