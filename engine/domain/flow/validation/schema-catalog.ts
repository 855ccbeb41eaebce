/**
 * Every JSON Schema of the flow language, in one list: the validator compiles them and the docs
 * generator renders them, so neither can miss one. schemas/ is the authority for what is valid.
 */
import autoClose from '../../../../schemas/auto-close.json' with { type: 'json' };
import businessHours from '../../../../schemas/business-hours.json' with { type: 'json' };
import cannedResponses from '../../../../schemas/canned-responses.json' with { type: 'json' };
import common from '../../../../schemas/common.json' with { type: 'json' };
import flowTest from '../../../../schemas/flow-test.json' with { type: 'json' };
import flow from '../../../../schemas/flow.json' with { type: 'json' };
import queue from '../../../../schemas/queue.json' with { type: 'json' };
import richMenu from '../../../../schemas/rich-menu.json' with { type: 'json' };
import routingRules from '../../../../schemas/routing-rules.json' with { type: 'json' };
import step from '../../../../schemas/step.json' with { type: 'json' };
import ask from '../../../../schemas/steps/ask.json' with { type: 'json' };
import branch from '../../../../schemas/steps/branch.json' with { type: 'json' };
import end from '../../../../schemas/steps/end.json' with { type: 'json' };
import goto from '../../../../schemas/steps/goto.json' with { type: 'json' };
import handoff from '../../../../schemas/steps/handoff.json' with { type: 'json' };
import hours from '../../../../schemas/steps/hours.json' with { type: 'json' };
import plugin from '../../../../schemas/steps/plugin.json' with { type: 'json' };
import say from '../../../../schemas/steps/say.json' with { type: 'json' };
import set from '../../../../schemas/steps/set.json' with { type: 'json' };
import surveyStep from '../../../../schemas/steps/survey.json' with { type: 'json' };
import tag from '../../../../schemas/steps/tag.json' with { type: 'json' };
import wait from '../../../../schemas/steps/wait.json' with { type: 'json' };
import survey from '../../../../schemas/survey.json' with { type: 'json' };
import trigger from '../../../../schemas/trigger.json' with { type: 'json' };
import type { FlowSetDocument } from '../flow-document.ts';

export type DocumentKind = FlowSetDocument['kind'];

/** One schema per document kind, in the order the reference lists them. */
export const kindSchemas: Readonly<Record<DocumentKind, object>> = {
  Flow: flow,
  BusinessHours: businessHours,
  Queue: queue,
  RoutingRules: routingRules,
  CannedResponses: cannedResponses,
  Survey: survey,
  AutoClose: autoClose,
  RichMenu: richMenu,
};

/** One schema per step type key (schemas/steps/<kind>.json), in the order a step lists them. */
export const stepSchemas: Readonly<Record<string, object>> = {
  say,
  ask,
  branch,
  set,
  tag,
  hours,
  handoff,
  survey: surveyStep,
  wait,
  goto,
  end,
  plugin,
};

/** Schemas the kinds refer to by $ref. */
export const sharedSchemas: readonly object[] = [common, trigger, step, flowTest, ...Object.values(stepSchemas)];

export const documentKinds = Object.keys(kindSchemas);

export function isDocumentKind(kind: string): kind is DocumentKind {
  return Object.hasOwn(kindSchemas, kind);
}
