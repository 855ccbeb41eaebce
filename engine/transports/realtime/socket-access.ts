/**
 * The permission table of the live socket, beside the REST one (http/access-table.ts): every event a client
 * may send names its rule. It is a Record over the event map, so an event added to ClientToServerEvents
 * without an entry does not compile, and the permission matrix test exercises each entry for each role.
 */
import type { ClientToServerEvents } from '../../contracts/socket-events.ts';

export type SocketAccess =
  /** allowed as GET /api/conversations/:id is: operators only for the queue and their own */
  | 'conversation-access'
  /** only from a socket that joined the conversation's room */
  | 'joined-room'
  /** any signed-in socket */
  | 'signed-in';

export const SOCKET_ACCESS: Readonly<Record<keyof ClientToServerEvents, SocketAccess>> = {
  'conversation:join': 'conversation-access',
  'conversation:leave': 'signed-in',
  typing: 'joined-room',
};
