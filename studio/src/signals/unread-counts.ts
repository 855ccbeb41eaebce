import type { ConversationDto } from '../../../engine/contracts/conversation.ts';

interface Entry {
  /** the engine's count, of the customer's messages up to `through` */
  base: number;
  /** the newest message the engine's count covers */
  through: number;
  /** the customer's messages heard over the socket after `through`, not read yet */
  later: Set<number>;
}

/**
 * The operator's unread counts: the engine's figure from each list load (ConversationDto.unread), plus the
 * customer's messages heard live since, minus what the operator read here. Message ids make it safe against
 * the same message arriving twice, or a socket message racing a list load that already counted it.
 */
export class UnreadCounts {
  readonly #entries = new Map<string, Entry>();
  /** how far this tab has read each conversation (a list answer older than the read must not undo it) */
  readonly #readThrough = new Map<string, number>();

  /** Takes the counts of a list the engine answered. */
  load(conversations: Iterable<ConversationDto>): void {
    for (const c of conversations) {
      const through = c.lastMessage?.id ?? 0;
      const read = this.#readThrough.get(c.id) ?? 0;
      const later = new Set([...(this.#entries.get(c.id)?.later ?? [])].filter((id) => id > Math.max(through, read)));
      this.#entries.set(c.id, { base: read >= through ? 0 : (c.unread ?? 0), through, later });
    }
  }

  /** A customer's message arrived; false when it was counted already or read. */
  customerMessage(conversationId: string, messageId: number): boolean {
    const entry = this.#entry(conversationId);
    if (messageId <= entry.through || messageId <= (this.#readThrough.get(conversationId) ?? 0) || entry.later.has(messageId)) return false;
    entry.later.add(messageId);
    return true;
  }

  /** The operator has seen the conversation up to this message. */
  read(conversationId: string, messageId: number): void {
    this.#readThrough.set(conversationId, Math.max(messageId, this.#readThrough.get(conversationId) ?? 0));
    const entry = this.#entry(conversationId);
    if (messageId >= entry.through) entry.base = 0;
    for (const id of entry.later) if (id <= messageId) entry.later.delete(id);
  }

  count(conversationId: string): number {
    const entry = this.#entries.get(conversationId);
    return entry ? entry.base + entry.later.size : 0;
  }

  /** the newest message this tab knows of in the conversation: what opening it reports read */
  newest(conversation: ConversationDto): number {
    const entry = this.#entries.get(conversation.id);
    return Math.max(conversation.lastMessage?.id ?? 0, entry?.through ?? 0, ...(entry?.later ?? []));
  }

  #entry(conversationId: string): Entry {
    let entry = this.#entries.get(conversationId);
    if (!entry) {
      entry = { base: 0, through: 0, later: new Set() };
      this.#entries.set(conversationId, entry);
    }
    return entry;
  }
}
