import type { ConversationDto, ConversationStatus } from '../../../engine/contracts/conversation.ts';

/** The operator picked a conversation in the list. */
export class ConversationSelectEvent extends Event {
  static readonly eventName = 'conversation-select';
  readonly conversationId: string;
  constructor(conversationId: string) {
    super(ConversationSelectEvent.eventName, { bubbles: true, composed: true });
    this.conversationId = conversationId;
  }
}

/** An action (claim, transfer, close) returned a conversation's new state. */
export class ConversationChangeEvent extends Event {
  static readonly eventName = 'conversation-change';
  readonly conversation: ConversationDto;
  readonly action: 'claim' | 'transfer' | 'close';
  constructor(conversation: ConversationDto, action: 'claim' | 'transfer' | 'close') {
    super(ConversationChangeEvent.eventName, { bubbles: true, composed: true });
    this.conversation = conversation;
    this.action = action;
  }
}

/** The operator switched the list's status tab. */
export class StatusTabEvent extends Event {
  static readonly eventName = 'status-tab';
  readonly status: ConversationStatus;
  constructor(status: ConversationStatus) {
    super(StatusTabEvent.eventName, { bubbles: true, composed: true });
    this.status = status;
  }
}

/** The search box settled on a new query (debounced). */
export class SearchEvent extends Event {
  static readonly eventName = 'search';
  readonly query: string;
  constructor(query: string) {
    super(SearchEvent.eventName, { bubbles: true, composed: true });
    this.query = query;
  }
}

declare global {
  interface HTMLElementEventMap {
    'conversation-select': ConversationSelectEvent;
    'conversation-change': ConversationChangeEvent;
    'status-tab': StatusTabEvent;
    search: SearchEvent;
  }
}
