import type {
  SandboxChatResponse,
  SandboxHoursResponse,
  SandboxRichMenuImageResponse,
  SandboxRichMenuResponse,
  SimulatedEventRequest,
  SimulatedEventResponse,
} from '../../../engine/contracts/sandbox.ts';
import { authorizedFetch } from './authorized-fetch.ts';

/**
 * The sandbox LINE platform (only there when the engine runs without LINE credentials). Anyone who can
 * inject customer messages or read transcripts must be a signed-in studio user, so it takes the token.
 */
async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await authorizedFetch(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const json: T = await response.json();
  return json;
}

const userPath = (userId: string) => `/sandbox/api/users/${encodeURIComponent(userId)}`;

export const sandbox = {
  /** true when the engine serves the sandbox (200), false on 404 or when unreachable */
  async available(signal?: AbortSignal): Promise<boolean> {
    try {
      await authorizedFetch('/sandbox/api/info', { signal, headers: { accept: 'application/json' } });
      return true;
    } catch {
      return false;
    }
  },
  sendEvent: (userId: string, event: SimulatedEventRequest) =>
    request<SimulatedEventResponse>('POST', `${userPath(userId)}/events`, event),
  chat: (userId: string, after: number, signal?: AbortSignal) =>
    request<SandboxChatResponse>('GET', `${userPath(userId)}/chat?after=${after}`, undefined, signal),
  /** open or closed now by the active flows' calendars, and when each opens next */
  hours: (signal?: AbortSignal) => request<SandboxHoursResponse>('GET', '/sandbox/api/hours', undefined, signal),
  /** the rich menu the customer sees now (docs/rich-menus.md) */
  richMenu: (userId: string, signal?: AbortSignal) => request<SandboxRichMenuResponse>('GET', `${userPath(userId)}/rich-menu`, undefined, signal),
  richMenuImage: (richMenuId: string) => request<SandboxRichMenuImageResponse>('GET', `/sandbox/api/rich-menus/${encodeURIComponent(richMenuId)}/image`),
};
