import type { SandboxChatEntry, SimulatedEventRequest } from '../../contracts/sandbox.ts';
import type { webhook } from '@line/bot-sdk';
import type { FakeUserRichMenu } from './fake-rich-menus.ts';
import { isRecord, lineError, type ApiAnswer, type FakeProfile, type FakeRequest, type InjectedFailure, type RecordedCall } from './fake-line-types.ts';

/** What the control endpoints drive: FakeLinePlatform, seen from outside its process. */
export interface ControlTarget {
  readonly calls: RecordedCall[];
  failNext(path: string, failure: InjectedFailure): void;
  setProfile(userId: string, profile: FakeProfile): void;
  chat(userId: string, afterSeq?: number): SandboxChatEntry[];
  simulate(userId: string, request: SimulatedEventRequest): webhook.Event;
  webhookBody(events: webhook.Event[]): string;
  richMenuOf(userId: string): FakeUserRichMenu | null;
}

const CHAT_PATH = /^\/__fake\/users\/([^/]+)\/chat$/;
const PROFILE_PATH = /^\/__fake\/users\/([^/]+)\/profile$/;
const EVENTS_PATH = /^\/__fake\/users\/([^/]+)\/events$/;
const RICH_MENU_PATH = /^\/__fake\/users\/([^/]+)\/rich-menu$/;

/**
 * Test-only endpoints under /__fake, for a test running in another process than the fake:
 *   GET  /__fake/calls                        -> { calls }
 *   POST /__fake/fail { path, status, ... }   -> 204 (InjectedFailure fields)
 *   GET  /__fake/users/:userId/chat?after=N   -> { entries } (SandboxChatResponse)
 *   PUT  /__fake/users/:userId/profile        -> 204
 *   POST /__fake/users/:userId/events         -> { event, body } (body: CallbackRequest JSON to sign and post)
 *   GET  /__fake/users/:userId/rich-menu      -> { richMenu } (FakeUserRichMenu: the menu the user sees, or null)
 * No authorization: the fake listens on 127.0.0.1 and holds nothing worth protecting.
 */
export function createControlApi(target: ControlTarget): (request: FakeRequest) => ApiAnswer {
  return (request) => {
    const { method, path, body } = request;
    if (method === 'GET' && path === '/__fake/calls') return { status: 200, body: { calls: target.calls } };
    if (method === 'POST' && path === '/__fake/fail') {
      if (!isRecord(body) || typeof body.path !== 'string' || typeof body.status !== 'number') {
        return { status: 400, body: lineError('expected { path: string, status: number, times?: number }') };
      }
      target.failNext(body.path, {
        status: body.status,
        ...(typeof body.times === 'number' ? { times: body.times } : {}),
        ...(body.body !== undefined ? { body: body.body } : {}),
        ...(typeof body.delayMs === 'number' ? { delayMs: body.delayMs } : {}),
        ...(typeof body.retryAfterSeconds === 'number' ? { retryAfterSeconds: body.retryAfterSeconds } : {}),
        ...(typeof body.applied === 'boolean' ? { applied: body.applied } : {}),
        ...(typeof body.reset === 'boolean' ? { reset: body.reset } : {}),
      });
      return { status: 204, body: null };
    }
    const chat = method === 'GET' ? CHAT_PATH.exec(path)?.[1] : undefined;
    if (chat !== undefined) {
      const after = Number(request.query.get('after') ?? 0);
      return { status: 200, body: { entries: target.chat(decodeURIComponent(chat), Number.isFinite(after) ? after : 0) } };
    }
    const richMenuUser = method === 'GET' ? RICH_MENU_PATH.exec(path)?.[1] : undefined;
    if (richMenuUser !== undefined) return { status: 200, body: { richMenu: target.richMenuOf(decodeURIComponent(richMenuUser)) } };
    const profileUser = method === 'PUT' ? PROFILE_PATH.exec(path)?.[1] : undefined;
    if (profileUser !== undefined) {
      if (!isRecord(body) || typeof body.displayName !== 'string') return { status: 400, body: lineError('expected { displayName }') };
      target.setProfile(decodeURIComponent(profileUser), {
        displayName: body.displayName,
        ...optionalString(body, 'pictureUrl'),
        ...optionalString(body, 'language'),
        ...optionalString(body, 'statusMessage'),
      });
      return { status: 204, body: null };
    }
    const eventUser = method === 'POST' ? EVENTS_PATH.exec(path)?.[1] : undefined;
    if (eventUser !== undefined) {
      const simulated = toSimulatedEvent(body);
      if (!simulated) return { status: 400, body: lineError('expected a SimulatedEventRequest') };
      const event = target.simulate(decodeURIComponent(eventUser), simulated);
      return { status: 200, body: { event, body: target.webhookBody([event]) } };
    }
    return { status: 404, body: lineError('Not found') };
  };
}

function optionalString(body: Record<string, unknown>, key: 'pictureUrl' | 'language' | 'statusMessage'): Partial<FakeProfile> {
  const value = body[key];
  return typeof value === 'string' ? { [key]: value } : {};
}

function toSimulatedEvent(body: unknown): SimulatedEventRequest | null {
  if (!isRecord(body)) return null;
  const str = (key: string): string | undefined => (typeof body[key] === 'string' ? String(body[key]) : undefined);
  const text = str('text');
  const data = str('data');
  const packageId = str('packageId');
  const stickerId = str('stickerId');
  const displayName = str('displayName');
  const language = str('language');
  const displayText = str('displayText');
  switch (body.type) {
    case 'follow':
      return { type: 'follow', ...(displayName ? { displayName } : {}), ...(language ? { language } : {}) };
    case 'unfollow':
      return { type: 'unfollow' };
    case 'text':
      return text === undefined ? null : { type: 'text', text };
    case 'postback':
      return data === undefined ? null : { type: 'postback', data, ...(displayText ? { displayText } : {}) };
    case 'sticker':
      return packageId === undefined || stickerId === undefined ? null : { type: 'sticker', packageId, stickerId };
    default:
      return null;
  }
}
