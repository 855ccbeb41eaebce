/**
 * Sorts a set's documents by kind and id, reporting what must be unique: one shared Flow and each
 * channel's Flow (channel-flow-rules.ts), one AutoClose, ids per kind (RichMenu too), canned response ids
 * across collections, step and trigger ids within each Flow.
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
} from '../flow-document.ts';
import type { FlowProblem } from './flow-problem.ts';
import { pointer } from './json-pointer.ts';
import { flowChannelProblems } from './channel-flow-rules.ts';
import { positionOf as where, problemAt, type DocumentSite, type LocatedDocument } from './located-document.ts';

export interface LocatedResponse extends DocumentSite {
  response: CannedResponse;
  pointer: string;
}

export interface SetIndex {
  /** every Flow, as the files list them */
  flows: LocatedDocument<FlowDocument>[];
  calendars: Map<string, LocatedDocument<BusinessHoursDocument>>;
  queues: Map<string, LocatedDocument<QueueDocument>>;
  routing: Map<string, LocatedDocument<RoutingRulesDocument>>;
  surveys: Map<string, LocatedDocument<SurveyDocument>>;
  autoCloses: LocatedDocument<AutoCloseDocument>[];
  cannedCollections: Map<string, DocumentSite>;
  canned: Map<string, LocatedResponse>;
  richMenus: Map<string, LocatedDocument<RichMenuDocument>>;
}

/** Keeps the first of each id; every later one is a duplicate-id problem pointing back at the first. */
class UniqueIds<T extends DocumentSite> {
  readonly byId = new Map<string, T>();
  constructor(
    private readonly what: string,
    private readonly problems: FlowProblem[],
    private readonly idPointer: (entry: T) => string,
  ) {}

  add(id: string, entry: T): void {
    const first = this.byId.get(id);
    if (!first) {
      this.byId.set(id, entry);
      return;
    }
    const at = this.idPointer(entry);
    this.problems.push(problemAt(entry, at, 'duplicate-id', `${this.what} "${id}" is already defined at ${where(first, this.idPointer(first))}`));
  }
}

function uniqueWithin(flow: LocatedDocument<FlowDocument>, problems: FlowProblem[]): void {
  for (const [list, what] of [['steps', 'step'], ['triggers', 'trigger']] as const) {
    const seen = new Map<string, number>();
    flow.document[list].forEach((entry, i) => {
      const first = seen.get(entry.id);
      if (first === undefined) seen.set(entry.id, i);
      else problems.push(problemAt(flow, pointer(list, i, 'id'), 'duplicate-id', `${what} id "${entry.id}" is already used at ${where(flow, pointer(list, first, 'id'))}`));
    });
  }
}

function secondAutoClose(located: DocumentSite, first: DocumentSite): FlowProblem {
  return problemAt(located, '/kind', 'second-auto-close', `a flow set has at most one AutoClose; the first is at ${where(first, '/kind')}`);
}

export function indexDocuments(documents: readonly LocatedDocument[]): { index: SetIndex; problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  const idOf = () => '/id';
  const calendars = new UniqueIds<LocatedDocument<BusinessHoursDocument>>('BusinessHours', problems, idOf);
  const queues = new UniqueIds<LocatedDocument<QueueDocument>>('Queue', problems, idOf);
  const routing = new UniqueIds<LocatedDocument<RoutingRulesDocument>>('RoutingRules', problems, idOf);
  const surveys = new UniqueIds<LocatedDocument<SurveyDocument>>('Survey', problems, idOf);
  const collections = new UniqueIds<DocumentSite>('CannedResponses', problems, idOf);
  const canned = new UniqueIds<LocatedResponse>('canned response', problems, (entry) => `${entry.pointer}/id`);
  const richMenus = new UniqueIds<LocatedDocument<RichMenuDocument>>('RichMenu', problems, idOf);
  const flows: LocatedDocument<FlowDocument>[] = [];
  const autoCloses: LocatedDocument<AutoCloseDocument>[] = [];
  for (const { file, locator, document } of documents) {
    const site = { file, locator };
    switch (document.kind) {
      case 'Flow':
        flows.push({ ...site, document });
        break;
      case 'AutoClose':
        if (autoCloses[0]) problems.push(secondAutoClose(site, autoCloses[0]));
        autoCloses.push({ ...site, document });
        break;
      case 'BusinessHours':
        calendars.add(document.id, { ...site, document });
        break;
      case 'Queue':
        queues.add(document.id, { ...site, document });
        break;
      case 'RoutingRules':
        routing.add(document.id, { ...site, document });
        break;
      case 'Survey':
        surveys.add(document.id, { ...site, document });
        break;
      case 'RichMenu':
        richMenus.add(document.id, { ...site, document });
        break;
      case 'CannedResponses':
        collections.add(document.id, site);
        document.responses.forEach((response, i) => canned.add(response.id, { ...site, response, pointer: pointer('responses', i) }));
        break;
    }
  }
  problems.push(...flowChannelProblems(flows));
  for (const flow of flows) uniqueWithin(flow, problems);
  const index: SetIndex = {
    flows,
    calendars: calendars.byId,
    queues: queues.byId,
    routing: routing.byId,
    surveys: surveys.byId,
    autoCloses,
    cannedCollections: collections.byId,
    canned: canned.byId,
    richMenus: richMenus.byId,
  };
  return { index, problems };
}
