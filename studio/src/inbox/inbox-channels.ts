import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { ChannelView } from '../../../engine/contracts/channels.ts';
import type { ConversationDto } from '../../../engine/contracts/conversation.ts';
import { channels } from '../channels/channels-client.ts';

/**
 * The LINE channels the signed-in operator sees (GET /api/channels answers with theirs only), for the inbox's
 * channel filter and badges (docs/channels.md). A channel is named only while there is more than one: a
 * one-account inbox shows nothing of channels. Read once; again when a conversation of an unknown channel
 * arrives (added since), once per such id (a deleted channel stays unknown).
 */
export class InboxChannels {
  readonly #task: Task<[], ChannelView[]>;
  readonly #asked = new Set<string>();

  constructor(host: ReactiveControllerHost) {
    this.#task = new Task(host, {
      args: (): [] => [],
      task: async (_args, { signal }) => (await channels.list(signal)).channels,
    });
  }

  /** the channels known so far (none before the first answer, or when it failed: nothing is shown) */
  get list(): readonly ChannelView[] {
    return this.#task.value ?? [];
  }

  /** the channel a conversation came through, when the inbox names channels at all */
  shownFor(conversation: ConversationDto): ChannelView | null {
    const list = this.list;
    return list.length > 1 ? (list.find((c) => c.id === conversation.channelId) ?? null) : null;
  }

  /** a conversation arrived: its channel is known, or the list is read again */
  learn(channelId: string): void {
    if (this.#task.status !== TaskStatus.COMPLETE || this.list.some((c) => c.id === channelId) || this.#asked.has(channelId)) return;
    this.#asked.add(channelId);
    void this.#task.run();
  }
}
