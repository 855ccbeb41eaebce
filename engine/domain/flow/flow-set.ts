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

export interface FlowSet {
  /** the one Flow every customer event runs through */
  entry: FlowDocument;
  /** file of each document, for test reports */
  entryFile: string;
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
