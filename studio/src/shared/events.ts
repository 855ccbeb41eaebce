import type { ConversationDto, ConversationStatus } from '../../../engine/contracts/conversation.ts';
import type { CreateOperatorRequest, FlowProblemDto, FlowVersionDto, OperatorDto, UpdateOperatorRequest } from '../../../engine/contracts/rest.ts';

/** The operator picked a conversation in the list. */
export class ConversationSelectEvent extends Event {
  static readonly eventName = 'conversation-select';
  readonly conversationId: string;
  constructor(conversationId: string) {
    super(ConversationSelectEvent.eventName, { bubbles: true, composed: true });
    this.conversationId = conversationId;
  }
}

/** An action (claim, transfer, close, reopen, the customer's tags) returned a conversation's new state. */
export class ConversationChangeEvent extends Event {
  static readonly eventName = 'conversation-change';
  readonly conversation: ConversationDto;
  readonly action: 'claim' | 'transfer' | 'close' | 'reopen' | 'tags';
  constructor(conversation: ConversationDto, action: ConversationChangeEvent['action']) {
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

/** The operator asked to look at a flow version, or to make it the active one. */
export class FlowVersionEvent extends Event {
  static readonly eventName = 'flow-version';
  readonly action: 'view' | 'activate';
  readonly version: number;
  constructor(action: 'view' | 'activate', version: number) {
    super(FlowVersionEvent.eventName, { bubbles: true, composed: true });
    this.action = action;
    this.version = version;
  }
}

/** A validation problem was picked: show its file and put the cursor on its line. */
export class FlowProblemSelectEvent extends Event {
  static readonly eventName = 'flow-problem-select';
  readonly problem: FlowProblemDto;
  constructor(problem: FlowProblemDto) {
    super(FlowProblemSelectEvent.eventName, { bubbles: true, composed: true });
    this.problem = problem;
  }
}

/** The editor published its files as a new, active version. */
export class FlowPublishedEvent extends Event {
  static readonly eventName = 'flow-published';
  readonly version: FlowVersionDto;
  constructor(version: FlowVersionDto) {
    super(FlowPublishedEvent.eventName, { bubbles: true, composed: true });
    this.version = version;
  }
}

/** The text of a code area changed by typing. */
export class CodeInputEvent extends Event {
  static readonly eventName = 'code-input';
  readonly value: string;
  constructor(value: string) {
    super(CodeInputEvent.eventName, { bubbles: true, composed: true });
    this.value = value;
  }
}

/** The session now holds a token and the operator (login form, accepted invite). */
export class SignedInEvent extends Event {
  static readonly eventName = 'signed-in';
  constructor() {
    super(SignedInEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The person answered the idle warning: they are still there. */
export class StayEvent extends Event {
  static readonly eventName = 'stay';
  constructor() {
    super(StayEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The step a restricted session had to take is done and the session refreshed: go on to the studio. */
export class AccountReadyEvent extends Event {
  static readonly eventName = 'account-ready';
  constructor() {
    super(AccountReadyEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The signed-in operator's own profile changed (password, MFA). */
export class OwnAccountChangeEvent extends Event {
  static readonly eventName = 'own-account-change';
  readonly operator: OperatorDto;
  readonly change: 'password' | 'mfa-enabled' | 'mfa-disabled';
  constructor(operator: OperatorDto, change: 'password' | 'mfa-enabled' | 'mfa-disabled') {
    super(OwnAccountChangeEvent.eventName, { bubbles: true, composed: true });
    this.operator = operator;
    this.change = change;
  }
}

/** The operator form was submitted: a new operator, or changes to one. */
export class OperatorFormSubmitEvent extends Event {
  static readonly eventName = 'operator-form-submit';
  readonly request: { mode: 'create'; body: CreateOperatorRequest } | { mode: 'edit'; operatorId: string; body: UpdateOperatorRequest };
  constructor(request: OperatorFormSubmitEvent['request']) {
    super(OperatorFormSubmitEvent.eventName, { bubbles: true, composed: true });
    this.request = request;
  }
}

/** A dialog's Cancel or Done. */
export class DismissEvent extends Event {
  static readonly eventName = 'dismiss';
  constructor() {
    super(DismissEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'conversation-select': ConversationSelectEvent;
    'conversation-change': ConversationChangeEvent;
    'status-tab': StatusTabEvent;
    search: SearchEvent;
    'flow-version': FlowVersionEvent;
    'flow-problem-select': FlowProblemSelectEvent;
    'flow-published': FlowPublishedEvent;
    'code-input': CodeInputEvent;
    'signed-in': SignedInEvent;
    stay: StayEvent;
    'account-ready': AccountReadyEvent;
    'own-account-change': OwnAccountChangeEvent;
    'operator-form-submit': OperatorFormSubmitEvent;
    dismiss: DismissEvent;
  }
}
