import type { SandboxChatEntry } from '../../contracts/sandbox.ts';

/** The phone-side view of each user's chat: what they sent and what the account sent back. */
export class ChatTranscripts {
  private readonly chats = new Map<string, SandboxChatEntry[]>();

  constructor(private readonly now: () => number) {}

  append(
    userId: string,
    from: SandboxChatEntry['from'],
    via: SandboxChatEntry['via'],
    message: SandboxChatEntry['message'],
  ): SandboxChatEntry {
    const chat = this.chats.get(userId) ?? [];
    this.chats.set(userId, chat);
    // seq counts per user from 1, so a client can poll with ?after=<last seq it saw>
    const entry: SandboxChatEntry = { seq: chat.length + 1, at: this.now(), from, via, message };
    chat.push(entry);
    return entry;
  }

  /** entries with seq > afterSeq, oldest first */
  since(userId: string, afterSeq = 0): SandboxChatEntry[] {
    return (this.chats.get(userId) ?? []).filter((entry) => entry.seq > afterSeq);
  }
}
