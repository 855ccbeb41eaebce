/**
 * The metric definitions: one day's raw facts (read by the store for [local midnight, next local
 * midnight)) turned into the day's aggregate overall, per team and per operator. Pure, so the rollup,
 * the live figures for today and the tests share one definition. docs/metrics.md says why each is so.
 */
import { businessSeconds } from '../calendar/business-seconds.ts';
import type { BusinessHoursDocument } from '../flow/flow-document.ts';
import { addDuration } from './duration-stat.ts';
import { emptyDayAggregate, type DayAggregate } from './day-aggregate.ts';
import { hourOfDay, hourOfSlot, type LocalDay } from './local-day.ts';

/** conversations created (queued) in the day, counted by team and slot of the day (local-day.ts, slotMs) */
export interface QueuedCount {
  team: string | null;
  slot: number;
  count: number;
  /** of them, those whose customer's previous conversation closed within the FCR window before */
  reopened: number;
}

/** customers by the slot of their first contact in the day: the first thing they sent, or their handoff */
export interface FirstContactCount {
  slot: number;
  count: number;
}

/** a claim, transfer or return in the day */
export interface MoveFact {
  kind: 'claimed' | 'transferred' | 'returned';
  /** claimed, transferred: who took it; returned: who gave it back */
  operatorId: string | null;
  /** transferred: who gave it away */
  fromOperatorId: string | null;
  team: string | null;
  at: number;
  /** when the conversation was queued */
  createdAt: number;
  /** no claim of this conversation came before this one */
  firstClaim: boolean;
}

/** a conversation whose first operator answer was in the day */
export interface FirstResponseFact {
  team: string | null;
  operatorId: string | null;
  createdAt: number;
  firstResponseAt: number;
}

/** a conversation closed in the day */
export interface ClosedFact {
  team: string | null;
  operatorId: string | null;
  createdAt: number;
  /** null: no human ever claimed it (abandoned) */
  claimedAt: number | null;
  closedAt: number;
  csat: number | null;
  surveyed: boolean;
  /** the customer's next handoff after this close, if any */
  nextHandoffAt: number | null;
}

/** inbound messages (and postbacks) in the day, by their conversation's team and operator and by slot */
export interface InboundCount {
  team: string | null;
  operatorId: string | null;
  slot: number;
  count: number;
}

/** outbound messages in the day, counted by where they belong; `via` for those sent in the day */
export interface OutboundCount {
  team: string | null;
  operatorId: string | null;
  count: number;
}
export interface SentCount extends OutboundCount {
  via: 'reply' | 'push';
}

/**
 * A day's facts as the store reads them: what needs no per-row logic already counted by the database,
 * rows only where a duration or a per-conversation rule needs them.
 */
export interface DayFacts {
  queued: QueuedCount[];
  /** distinct customers handed off in the day */
  handedOffCustomers: number;
  firstContacts: FirstContactCount[];
  moves: MoveFact[];
  firstResponses: FirstResponseFact[];
  closed: ClosedFact[];
  inbound: InboundCount[];
  outbound: OutboundCount[];
  sent: SentCount[];
}

export interface DayOptions {
  day: LocalDay;
  /** the calendar "business" durations are counted over; null: calendar time */
  calendar: BusinessHoursDocument | null;
  fcrWindowMs: number;
}

export interface DayAggregates {
  all: DayAggregate;
  teams: Map<string, DayAggregate>;
  operators: Map<string, DayAggregate>;
}

const seconds = (ms: number) => ms / 1000;

export function aggregateDay(facts: DayFacts, options: DayOptions): DayAggregates {
  const { day, calendar, fcrWindowMs } = options;
  const all = emptyDayAggregate();
  const teams = new Map<string, DayAggregate>();
  const operators = new Map<string, DayAggregate>();
  const of = (map: Map<string, DayAggregate>, key: string) => {
    let agg = map.get(key);
    if (!agg) map.set(key, (agg = emptyDayAggregate()));
    return agg;
  };
  /** the aggregates a fact counts in: overall, its team's, its operator's */
  const targets = (team: string | null, operatorId: string | null): DayAggregate[] => [
    all,
    ...(team ? [of(teams, team)] : []),
    ...(operatorId ? [of(operators, operatorId)] : []),
  ];

  for (const queued of facts.queued) {
    const hour = hourOfSlot(day, queued.slot);
    for (const agg of targets(queued.team, null)) {
      agg.handoffs += queued.count;
      agg.hours.handoffs[hour] = (agg.hours.handoffs[hour] ?? 0) + queued.count;
      agg.reopened += queued.reopened;
    }
    if (queued.team) {
      const team = of(teams, queued.team);
      team.conversations += queued.count;
      team.hours.conversations[hour] = (team.hours.conversations[hour] ?? 0) + queued.count;
    }
  }
  // conversations overall: customer-days, from the first thing the customer sent or their handoff
  all.handedOffCustomers = facts.handedOffCustomers;
  for (const first of facts.firstContacts) {
    const hour = hourOfSlot(day, first.slot);
    all.conversations += first.count;
    all.hours.conversations[hour] = (all.hours.conversations[hour] ?? 0) + first.count;
  }

  for (const move of facts.moves) {
    if (move.kind === 'claimed' && move.firstClaim) {
      for (const agg of targets(move.team, move.operatorId)) addDuration(agg.wait, seconds(move.at - move.createdAt));
    }
    if (move.kind !== 'claimed') {
      const from = move.kind === 'returned' ? move.operatorId : move.fromOperatorId;
      for (const agg of targets(move.team, from)) agg.transfers += 1;
    }
    if (move.kind !== 'returned' && move.operatorId) {
      // an operator's conversations: those they took that day, from the queue or from a colleague
      const taken = of(operators, move.operatorId);
      const hour = hourOfDay(day, move.at);
      taken.conversations += 1;
      taken.handoffs += 1;
      taken.hours.conversations[hour] = (taken.hours.conversations[hour] ?? 0) + 1;
      taken.hours.handoffs[hour] = (taken.hours.handoffs[hour] ?? 0) + 1;
    }
  }

  for (const response of facts.firstResponses) {
    for (const agg of targets(response.team, response.operatorId)) {
      addDuration(agg.firstResponse, seconds(response.firstResponseAt - response.createdAt));
      addDuration(agg.firstResponseBusiness, businessSeconds(calendar, response.createdAt, response.firstResponseAt));
    }
  }

  for (const closed of facts.closed) {
    const handled = closed.claimedAt !== null;
    const resolved = closed.nextHandoffAt === null || closed.nextHandoffAt - closed.closedAt > fcrWindowMs;
    for (const agg of targets(closed.team, closed.operatorId)) {
      if (!handled) agg.abandoned += 1;
      else {
        agg.handled += 1;
        addDuration(agg.resolution, seconds(closed.closedAt - closed.createdAt));
        addDuration(agg.resolutionBusiness, businessSeconds(calendar, closed.createdAt, closed.closedAt));
        if (resolved) agg.fcrResolved += 1;
      }
      // the customer's rating counts wherever the survey went, a conversation nobody claimed included
      if (closed.csat !== null) {
        agg.csatResponses += 1;
        agg.csatSum += closed.csat;
        if (closed.csat >= 4) agg.csatSatisfied += 1;
      }
      if (closed.surveyed) {
        agg.surveysSent += 1;
        if (closed.csat !== null) agg.surveysAnswered += 1;
      }
    }
  }

  for (const inbound of facts.inbound) {
    const hour = hourOfSlot(day, inbound.slot);
    for (const agg of targets(inbound.team, inbound.operatorId)) {
      agg.messagesIn += inbound.count;
      agg.hours.messagesIn[hour] = (agg.hours.messagesIn[hour] ?? 0) + inbound.count;
    }
  }
  for (const out of facts.outbound) for (const agg of targets(out.team, out.operatorId)) agg.messagesOut += out.count;
  for (const sent of facts.sent) {
    for (const agg of targets(sent.team, sent.operatorId)) {
      if (sent.via === 'reply') agg.replies += sent.count;
      else agg.pushes += sent.count;
    }
  }
  return { all, teams, operators };
}
