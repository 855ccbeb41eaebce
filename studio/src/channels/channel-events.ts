import type { ChannelView } from '../../../engine/contracts/channels.ts';

/** A channel was added, or changed (renamed, new credentials, group handoff): its new state. */
export class ChannelSavedEvent extends Event {
  static readonly eventName = 'channel-saved';
  readonly channel: ChannelView;
  readonly created: boolean;
  constructor(channel: ChannelView, created: boolean) {
    super(ChannelSavedEvent.eventName, { bubbles: true, composed: true });
    this.channel = channel;
    this.created = created;
  }
}

/** A channel was deleted. */
export class ChannelRemovedEvent extends Event {
  static readonly eventName = 'channel-removed';
  readonly channel: ChannelView;
  constructor(channel: ChannelView) {
    super(ChannelRemovedEvent.eventName, { bubbles: true, composed: true });
    this.channel = channel;
  }
}
