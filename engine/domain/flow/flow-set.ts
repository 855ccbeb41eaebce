/**
 * A validated, published set of flow documents: the unit that is versioned, activated and rolled back.
 * Built only by the validator (every reference inside is known to resolve).
 */
import type {
  AutoCloseDocument,
  BusinessHoursDocument,
  CannedResponse,
  FlowDocument,
  QueueDocument,
  RichMenuDocument,
  RoutingRulesDocument,
  SurveyDocument,
} from './flow-document.ts';

/** A Flow of the set and the file it is written in. */
export interface SetFlow {
  flow: FlowDocument;
  file: string;
}

/**
 * The set as one channel runs it: `entry` is the Flow its customers' events run through. The set the
 * validator builds runs the shared Flow; setForChannel (set-for-channel.ts) gives a channel's view.
 */
export interface FlowSet {
  /** the Flow every customer event runs through: the shared Flow, or a channel's own */
  entry: FlowDocument;
  /** the file `entry` is written in, for test reports */
  entryFile: string;
  /** the Flow without `channels`: every channel without a Flow of its own runs it */
  shared: SetFlow;
  /** each channel's own Flow, by channel id (from the Flows' `channels`) */
  channelFlows: ReadonlyMap<string, SetFlow>;
  /** every Flow of the set, the shared one first, then the others as the files list them */
  flows: readonly SetFlow[];
  calendars: ReadonlyMap<string, BusinessHoursDocument>;
  queues: ReadonlyMap<string, QueueDocument>;
  routing: ReadonlyMap<string, RoutingRulesDocument>;
  canned: ReadonlyMap<string, CannedResponse>;
  surveys: ReadonlyMap<string, SurveyDocument>;
  /** at most one AutoClose policy per set; null: conversations are never closed for inactivity */
  autoClose: AutoCloseDocument | null;
  /** the rich menus the Flow's `richMenus` can name, by id */
  richMenus: ReadonlyMap<string, RichMenuDocument>;
}
