/**
 * Gives waiting conversations to available operators, by each conversation's routing (team, skills,
 * strategy) and the operators' free capacity. Conversations are served by priority, then by age.
 * An assignment is a conditional update (still WAITING), so two engines never assign one conversation
 * twice; under a race an operator may briefly exceed capacity by one, which the next close corrects.
 */
import { chooseOperator, type OperatorCandidate } from '../../domain/routing/choose-operator.ts';
import type { Logger } from '../../logger.ts';
import { ConversationEventKind } from '../../store/repositories/conversation-events.repo.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import { operatorChannels } from '../../store/repositories/operators.repo.ts';
import type { Store } from '../../store/store.ts';

export class AssignmentService {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Assigns what can be assigned now of `waiting` (oldest first); returns the ids of the conversations that got an operator. */
  async assignWaiting(waiting: readonly ConversationRow[]): Promise<string[]> {
    if (waiting.length === 0) return [];
    const [available, counts] = await Promise.all([this.store.operators.listAvailable(), this.store.conversations.activeCounts()]);
    if (available.length === 0) return [];
    const candidates: OperatorCandidate[] = available.map((operator) => {
      const teams = parseJson<string[]>(operator.teams, []);
      return {
        id: operator.id,
        online: true,
        capacity: operator.capacity,
        activeCount: counts.get(operator.id) ?? 0,
        skills: parseJson<string[]>(operator.skills, []),
        // an operator in no team takes every team's conversations
        ...(teams.length > 0 ? { teams } : {}),
        lastAssignedAt: operator.last_assigned_at,
      };
    });
    // an operator limited to channels is given only their channels' conversations
    const channelsOf = new Map(available.map((operator) => [operator.id, operatorChannels(operator)]));
    const inChannel = (candidate: OperatorCandidate, channelId: string) => {
      const channels = channelsOf.get(candidate.id);
      return channels === null || channels === undefined || channels.includes(channelId);
    };
    const assigned: string[] = [];
    for (const conversation of waiting) {
      const need = { team: conversation.team, skills: parseJson<string[]>(conversation.skills, []) };
      const operatorId = chooseOperator(conversation.strategy ?? 'round-robin', candidates.filter((c) => inChannel(c, conversation.channel_id)), need);
      if (!operatorId) continue;
      const at = this.now();
      const claimed = await this.store.transaction(async (tx) => {
        if (!(await tx.conversations.claim(conversation.id, operatorId, at, true))) return false;
        await tx.conversationEvents.record({ conversation_id: conversation.id, kind: ConversationEventKind.CLAIMED, operator_id: operatorId, team: conversation.team, at });
        return true;
      });
      if (!claimed) continue;
      await this.store.operators.markAssigned(operatorId, at);
      const candidate = candidates.find((c) => c.id === operatorId);
      if (candidate) {
        candidate.activeCount += 1;
        candidate.lastAssignedAt = at;
      }
      assigned.push(conversation.id);
      this.logger.info({ conversationId: conversation.id, operatorId }, 'conversation assigned');
    }
    return assigned;
  }
}
