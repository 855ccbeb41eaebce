/**
 * The Flow document as the runtime sees it once schemas/flow.json accepted it.
 * Kept in step with the schema by the validator's tests (every fixture that validates is typed here).
 */
export type KeywordMatch = 'contains' | 'word' | 'exact';

export interface Trigger {
  id: string;
  keyword?: { any: string[]; match?: KeywordMatch };
  postback?: { data: string };
  event?: 'follow' | 'unfollow' | 'message';
  duringHuman?: boolean;
  goto: string;
}

export interface QuickReply {
  label: string;
  postback?: string;
  text?: string;
}

export interface Step {
  id: string;
  say?: { text: string; quickReplies?: QuickReply[] };
  handoff?: { greeting?: string; onClose?: string };
  next?: string;
}

export interface FlowDocument {
  kind: 'Flow';
  id: string;
  description?: string;
  triggers: Trigger[];
  steps: Step[];
}
