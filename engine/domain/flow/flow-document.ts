/**
 * The Baton flow language (DSL v1): the documents a flow set is made of, as the runtime sees them once
 * schemas/ accepted them. One YAML document per kind (several per file with `---`), every reference
 * by stable id. schemas/<kind>.json is the authority for what is valid; these types mirror it and the
 * validator's tests keep both in step.
 */

/** A CEL expression, e.g. `hours.open && customer.tags.exists(t, t == "vip")`. */
export type Cel = string;
/** A Liquid template, e.g. `Hello {{ customer.name }}`. */
export type Template = string;

// ---------------------------------------------------------------- kind: Flow

export type KeywordMatch = 'contains' | 'word' | 'exact';

/** Exactly one matcher (keyword, regex, postback or event) plus where to go. */
export interface Trigger {
  id: string;
  keyword?: { any: string[]; match?: KeywordMatch };
  /** JavaScript-flavoured regular expression on the NFKC-normalised text; groups land in vars.match */
  regex?: { pattern: string; flags?: string };
  /** postback data equals `data`, or starts with `prefix` (rich-menu and quick-reply taps) */
  postback?: { data?: string; prefix?: string };
  event?: 'follow' | 'unfollow' | 'message' | 'join';
  /** an extra CEL guard, checked after the matcher */
  when?: Cel;
  /** also fires while the customer is queued for or talking to a human (e.g. "back to bot") */
  duringHuman?: boolean;
  goto: string;
}

export interface QuickReply {
  label: string;
  /** postback data sent when tapped (shown in the chat as the label) */
  postback?: string;
  /** text the customer sends when tapped */
  text?: string;
}

/** A conditional route: the first `if` that holds wins; `else` always holds. */
export type Route = { if: Cel; then: string } | { else: string };

/** Where to go after a step: a step id, or conditional routes. Absent: the flow ends. */
export type Next = string | Route[];

/** An image message: HTTPS URLs of the image and of its preview (the image itself when absent). */
export interface ImageMessageSpec {
  url: string;
  previewUrl?: string;
}

/**
 * A LINE Flex message. `contents` is LINE's bubble or carousel JSON; the validator checks its basics
 * (validation/flex-rules.ts) and the runtime renders the Liquid in its texts and action labels.
 */
export interface FlexMessageSpec {
  altText: Template;
  contents: Record<string, unknown>;
}

export interface SayStep {
  /** exactly one of text, canned, image, flex */
  text?: Template;
  canned?: string;
  image?: ImageMessageSpec;
  flex?: FlexMessageSpec;
  quickReplies?: QuickReply[];
}

export interface AskStep {
  /** the question */
  text: Template;
  /** variable that receives the answer (vars.<into>) */
  into: string;
  quickReplies?: QuickReply[];
  /** the answer is accepted when it matches (regex on the text) and/or the CEL check holds (`answer` in scope) */
  validate?: { regex?: string; cel?: Cel };
  /** said when the answer is not accepted; the question is asked again */
  retryText?: Template;
  /** tries before giving up (default 2) */
  retries?: number;
  /** step after the last failed try (default: the flow ends) */
  onFail?: string;
}

export interface SetStep {
  /** variable name -> CEL expression */
  [variable: string]: Cel;
}

export interface TagStep {
  add?: string[];
  remove?: string[];
}

export interface HoursStep {
  /** BusinessHours id */
  calendar: string;
  /** shorthand routes; without them `next` decides, with hours.open / hours.holiday in scope */
  open?: string;
  closed?: string;
  holiday?: string;
}

export interface HandoffStep {
  /** RoutingRules id (default: the set's `default` routing, if any) */
  routing?: string;
  /** Queue id (default: the set's `default` queue, if any) */
  queue?: string;
  /** said when the customer is queued: a template or a canned response id */
  greeting?: Template;
  greetingCanned?: string;
  /** step run when an operator closes the conversation (e.g. the CSAT survey) */
  onClose?: string;
  /**
   * a customer who writes within this many minutes of the close comes back to the same conversation (to its
   * operator if they are available, else to the queue) instead of starting over with the bot
   * @example handoff: { queue: default, onClose: csat, reopenWithinMinutes: 30 }
   */
  reopenWithinMinutes?: number;
}

export interface SurveyStep {
  /** Survey id */
  id: string;
}

export interface WaitStep {
  /** pause before `next` runs */
  seconds: number;
}

export interface PluginStep {
  /** plugin step kind, as registered by a plugin (e.g. notify) */
  use: string;
  /** the plugin's own settings, validated by the plugin's schema fragment */
  with?: Record<string, unknown>;
}

export interface Step {
  id: string;
  say?: SayStep;
  ask?: AskStep;
  branch?: Route[];
  set?: SetStep;
  tag?: TagStep;
  hours?: HoursStep;
  handoff?: HandoffStep;
  survey?: SurveyStep;
  wait?: WaitStep;
  /** jump to another step */
  goto?: string;
  /** stop here (also: back to the bot when used during a human chat) */
  end?: true | { release?: boolean };
  plugin?: PluginStep;
  next?: Next;
}

export interface FlowTestInput {
  text?: string;
  postback?: string;
  /** `join`: the account was added to the group or room this test's customer stands for */
  event?: 'follow' | 'unfollow' | 'join' | 'handoff-closed';
  /** move the test clock forward before this input, e.g. "10m", "2h", "1d" */
  after?: string;
}

export interface FlowTestExpectation {
  /** a say action: exact text, text containing, or a canned id */
  say?: { text?: string; contains?: string; canned?: string };
  handoff?: { queue?: string; team?: string; priority?: number };
  tag?: { add?: string[]; remove?: string[] };
  survey?: { id: string };
  /** the survey answer recorded */
  csat?: { score: number };
  /** no action at all for the inputs so far */
  nothing?: true;
}

export interface FlowTest {
  name: string;
  /** ISO date-time with offset, the fake clock's start */
  clock?: string;
  /** the LINE channel the customer writes to: the test runs that channel's Flow */
  channel?: string;
  customer?: { name?: string; language?: string; tags?: string[] };
  send: FlowTestInput[];
  /** matched in order, each after the previous match, against every action the inputs produced */
  expect: FlowTestExpectation[];
}

export interface FlowDocument {
  kind: 'Flow';
  id: string;
  description?: string;
  /** the LINE channels this Flow answers instead of the shared Flow; absent on the shared Flow */
  channels?: string[];
  triggers: Trigger[];
  steps: Step[];
  /** the RichMenu each conversation state shows (docs/rich-menus.md) */
  richMenus?: RichMenuMapping;
  tests?: FlowTest[];
}

// ---------------------------------------------------------------- kind: BusinessHours

/** "09:00-12:00"; an end before the start runs past midnight ("22:00-02:00") */
export type Period = string;
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface BusinessHoursDocument {
  kind: 'BusinessHours';
  id: string;
  /** IANA time zone, e.g. Asia/Bangkok */
  timezone: string;
  /** weekday -> periods (split shifts); a missing day is closed */
  weekly: Partial<Record<Weekday, Period[]>>;
  /** closed all day */
  holidays?: { date: string; name?: string }[];
  /** a date with other hours than its weekday ([] = closed, not a holiday) */
  special?: { date: string; periods: Period[]; name?: string }[];
}

// ---------------------------------------------------------------- kind: Queue

export interface QueueDocument {
  kind: 'Queue';
  id: string;
  /** told when queued and when the position changes; queue.position, queue.waitMinutes in scope */
  positionMessage?: Template;
  /** at most one position update per customer in this many seconds (default 60) */
  minUpdateIntervalSeconds?: number;
  /** the wait estimate: mean handling time of the last `sampleSize` closed conversations */
  estimate?: { sampleSize?: number; defaultHandlingMinutes?: number };
  /** after this long in the queue, run `then` (a step id of the Flow), e.g. take a message */
  maxWait?: { minutes: number; then: string };
}

// ---------------------------------------------------------------- kind: RoutingRules

export interface RoutingTarget {
  team?: string;
  skills?: string[];
  priority?: number;
}

export interface RoutingRulesDocument {
  kind: 'RoutingRules';
  id: string;
  /** how an operator is chosen among online operators with free capacity */
  strategy: 'round-robin' | 'least-busy';
  /** first rule whose `if` holds decides; message, customer in scope */
  rules: (RoutingTarget & { if: Cel })[];
  default: RoutingTarget;
}

// ---------------------------------------------------------------- kind: CannedResponses

/**
 * A prepared answer: at least one of text, image, flex, sent in that order as up to three LINE messages,
 * with the quick replies under the last one.
 * @example { id: hours, title: Opening hours, flex: { altText: Our hours, contents: { type: bubble, ... } }, quickReplies: [{ label: Agent }] }
 */
export interface CannedResponse {
  id: string;
  /** what an operator types in the composer, e.g. /hours */
  shortcut?: string;
  title: string;
  text?: Template;
  /** language code -> text, chosen by the customer's LINE language (only with `text`) */
  variants?: Record<string, Template>;
  image?: ImageMessageSpec;
  flex?: FlexMessageSpec;
  quickReplies?: QuickReply[];
  tags?: string[];
}

export interface CannedResponsesDocument {
  kind: 'CannedResponses';
  id: string;
  responses: CannedResponse[];
}

// ---------------------------------------------------------------- kind: Survey

export interface SurveyDocument {
  kind: 'Survey';
  id: string;
  /** asked with five quick replies (1..5), answered with one tap in LINE */
  question: Template;
  /** labels of the five quick replies, lowest first (default ["1".."5"]) */
  labels?: [string, string, string, string, string];
  /** optional free-text comment after the score */
  comment?: { ask: Template; onlyBelow?: number };
  thanks: Template;
  /** answers after this are treated as ordinary messages (default 1440) */
  expiresAfterMinutes?: number;
}

// ---------------------------------------------------------------- kind: AutoClose

export interface AutoCloseDocument {
  kind: 'AutoClose';
  id: string;
  /** close a conversation when the customer has been silent this long after the operator's last message */
  inactivityMinutes: number;
  /** warn this long before closing */
  warnBeforeMinutes: number;
  warning: Template;
  closing: Template;
}

// ---------------------------------------------------------------- kind: RichMenu

/** The states of a customer's conversation a rich menu follows. */
export type RichMenuState = 'bot' | 'waiting' | 'human' | 'closed';

/** A menu id per state; `none` or absent: no menu of its own (the customer sees the `bot` menu). */
export type RichMenuMapping = Partial<Record<RichMenuState, string>>;

export interface RichMenuBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Exactly one of postback, message, uri. */
export interface RichMenuAction {
  postback?: string;
  displayText?: string;
  message?: string;
  uri?: string;
  label?: string;
}

export interface RichMenuDocument {
  kind: 'RichMenu';
  id: string;
  size: { width: number; height: number };
  chatBarText: string;
  /** shown open when linked; default true */
  selected?: boolean;
  /** PNG or JPEG, relative to the flows folder */
  image: string;
  areas: { bounds: RichMenuBounds; action: RichMenuAction }[];
}

export type FlowSetDocument =
  | FlowDocument
  | RichMenuDocument
  | BusinessHoursDocument
  | QueueDocument
  | RoutingRulesDocument
  | CannedResponsesDocument
  | SurveyDocument
  | AutoCloseDocument;
