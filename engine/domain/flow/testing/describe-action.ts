/** Actions and expectations as one short line each, for test failure messages. */
import type { FlowAction } from '../flow-action.ts';
import type { FlowTestExpectation } from '../flow-document.ts';

const MAX_TEXT = 100;

function quote(text: string): string {
  const short = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return JSON.stringify(short);
}

export function describeAction(action: FlowAction): string {
  switch (action.type) {
    case 'say': {
      const { message } = action;
      const what = message.type === 'text' ? quote(message.text) : message.type === 'flex' ? `flex ${quote(message.altText)}` : message.type === 'sticker' ? `sticker ${message.packageId}/${message.stickerId}` : `image ${message.originalContentUrl}`;
      return `say ${what}${action.canned !== undefined ? ` (canned ${action.canned})` : ''}`;
    }
    case 'handoff':
      return `handoff queue=${action.queue ?? '-'} team=${action.routing.team ?? '-'} skills=[${action.routing.skills.join(',')}] priority=${action.routing.priority}`;
    case 'tag':
      return `tag ${[...action.add.map((t) => `+${t}`), ...action.remove.map((t) => `-${t}`)].join(' ')}`;
    case 'survey':
      return `survey ${action.surveyId}`;
    case 'csat':
      return `csat ${action.surveyId} score=${action.score}${action.comment !== null ? ` comment=${quote(action.comment)}` : ''}`;
    case 'plugin':
      return `plugin ${action.use}`;
    case 'schedule':
      return `schedule ${new Date(action.at).toISOString()}`;
    case 'release':
      return 'release';
  }
}

export function describeActions(actions: readonly FlowAction[]): string {
  return actions.length === 0 ? '(none)' : actions.map(describeAction).join('; ');
}

/** YAML-ish flow style, as the expectation was written: {say: {canned: after-hours}} */
export function describeExpectation(expectation: FlowTestExpectation): string {
  return JSON.stringify(expectation).replace(/"([A-Za-z]+)":/g, '$1: ').replace(/,/g, ', ');
}
