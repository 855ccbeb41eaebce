/**
 * Decides which operators hear each change, so that the frames a customer message costs follow the
 * people working its conversation rather than the size of the team (the rules are in
 * engine/contracts/socket-events.ts; the why in docs/decisions.md, "Who hears what, live"):
 * - a conversation nobody has taken yet, and any change of its state: every operator, at once;
 * - a new message in a taken conversation: those working it at once; for everyone else it joins
 *   the next `conversations:activity` digest, one frame per socket every `digestMs` at most;
 * - messages follow their conversation the same way; those outside any conversation (the bot
 *   talking) go to supervisors and admins.
 */
import type { ConversationDto, MessageDto } from '../../contracts/conversation.ts';
import type { ConversationActivity } from '../../contracts/socket-events.ts';
import { closedChannel, type OperatorChannel, type Recipients } from './operator-channel.ts';
import type { ConversationRef, RealtimePublisher } from './realtime-publisher.ts';

/** A bound on remembered conversations; forgetting one only means its next change goes to everyone. */
const MAX_REMEMBERED = 100_000;
/** conversations per digest frame, so that one frame stays small */
const DIGEST_FRAME = 500;

/** Everything operators see of a conversation except its latest message: a change here is a change of state. */
function stateOf(conversation: ConversationDto): string {
  return JSON.stringify({ ...conversation, lastMessage: null });
}

function messageRecipients(conversation: ConversationRef | null): Recipients {
  if (conversation === null) return { to: 'supervisors' };
  if (conversation.operatorId === null) return { to: 'everyone' };
  return { to: 'working', conversationId: conversation.id, operatorId: conversation.operatorId };
}

export class InboxPublisher implements RealtimePublisher {
  private channel: OperatorChannel = closedChannel;
  /** the state every operator was last told of, per open and taken conversation (by this engine) */
  private readonly announced = new Map<string, string>();
  /** activity not yet in a digest, newest per conversation */
  private readonly activity = new Map<string, ConversationActivity>();
  private digestTimer: NodeJS.Timeout | null = null;

  /** `digestMs`: 0, every operator hears every change at once */
  constructor(private readonly digestMs: number) {}

  /** The gateway exists only once the HTTP server does, after the services that publish. */
  attach(channel: OperatorChannel): void {
    this.channel = channel;
  }

  conversationUpdated(conversation: ConversationDto): void {
    const { operatorId, lastMessage } = conversation;
    if (operatorId === null || !this.isKnownState(conversation)) {
      this.announce(conversation);
      return;
    }
    this.channel.conversation({ to: 'working', conversationId: conversation.id, operatorId }, conversation);
    if (lastMessage) {
      this.activity.set(conversation.id, { conversationId: conversation.id, lastMessage });
      this.digestTimer ??= setTimeout(() => this.sendDigest(), this.digestMs).unref();
    }
  }

  messageNew(message: MessageDto, conversation: ConversationRef | null): void {
    this.channel.message(messageRecipients(conversation), 'message:new', message);
  }

  messageUpdated(message: MessageDto, conversation: ConversationRef | null): void {
    this.channel.message(messageRecipients(conversation), 'message:updated', message);
  }

  /** Sends what is pending now (engine shutdown). */
  stop(): void {
    if (this.digestTimer) clearTimeout(this.digestTimer);
    this.sendDigest();
  }

  private isKnownState(conversation: ConversationDto): boolean {
    return this.digestMs > 0 && conversation.status !== 'CLOSED' && this.announced.get(conversation.id) === stateOf(conversation);
  }

  /** Tells every operator, and remembers what they were told. */
  private announce(conversation: ConversationDto): void {
    const { id } = conversation;
    this.activity.delete(id);
    this.announced.delete(id);
    if (this.digestMs > 0 && conversation.status !== 'CLOSED' && conversation.operatorId !== null) {
      this.announced.set(id, stateOf(conversation));
      if (this.announced.size > MAX_REMEMBERED) this.announced.delete(this.announced.keys().next().value ?? '');
    }
    this.channel.conversation({ to: 'everyone' }, conversation);
  }

  private sendDigest(): void {
    this.digestTimer = null;
    const items = [...this.activity.values()];
    this.activity.clear();
    for (let i = 0; i < items.length; i += DIGEST_FRAME) this.channel.activity(items.slice(i, i + DIGEST_FRAME));
  }
}
