/** The queue's position message, rendered with the flow's template scope plus `queue`. */
import type { QueueDocument } from '../flow/flow-document.ts';
import { renderTemplate } from '../flow/expression/template.ts';

/** Default Queue.minUpdateIntervalSeconds. */
export const DEFAULT_POSITION_INTERVAL_SECONDS = 60;

/**
 * @example
 * // positionMessage: "You're number {{ queue.position }}, about {{ queue.waitMinutes }} min."
 * renderPositionMessage(queue, 2, 6, scope) // "You're number 2, about 6 min."
 * @returns null when the queue has no position message
 */
export function renderPositionMessage(queue: QueueDocument, position: number, waitMinutes: number, scope: object): string | null {
  if (queue.positionMessage === undefined) return null;
  return renderTemplate(queue.positionMessage, { ...scope, queue: { id: queue.id, position, waitMinutes } });
}
