/**
 * The permission table of the REST API: every route under /api and /sandbox/api names the least it needs.
 * `authorize` looks each request up here and refuses a route that has no entry (fail closed), and the
 * route-table test fails when a route is added without one. Rules that depend on the object (an operator and
 * someone else's conversation) are in services/auth/permissions.ts. docs/security.md prints this table.
 */
import type { Role } from '../../contracts/rest.ts';

/**
 * public: anyone (sign-in, refresh by cookie, invites); session: any signed-in session, even one that may only
 * change its password or enrol in MFA; a role: that role or above (admin > supervisor > operator).
 */
export type Access = 'public' | 'session' | Role;

export const HTTP_ACCESS: Readonly<Record<string, Access>> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/invites/:token': 'public',
  'POST /api/invites/:token/accept': 'public',
  'GET /api/openapi.json': 'public',
  // operators' sent images, for LINE's servers: only signed, unexpired links answer (signed-media-link.ts)
  'GET /api/public-media/:file': 'public',
  'GET /sandbox/api/info': 'public',

  'GET /api/me': 'session',
  'POST /api/me/password': 'session',
  'POST /api/me/mfa/setup': 'session',
  'POST /api/me/mfa/enable': 'session',

  'POST /api/me/mfa/disable': 'operator',
  'PUT /api/me/presence': 'operator',
  'GET /api/operators': 'operator',
  'GET /api/conversations': 'operator',
  'GET /api/conversations/:id': 'operator',
  'GET /api/conversations/:id/canned-responses': 'operator',
  'GET /api/conversations/:id/history': 'operator',
  'POST /api/conversations/:id/read': 'operator',
  'POST /api/conversations/:id/claim': 'operator',
  'POST /api/conversations/:id/messages': 'operator',
  'POST /api/conversations/:id/transfer': 'operator',
  'POST /api/conversations/:id/close': 'operator',
  'POST /api/conversations/:id/reopen': 'operator',
  'POST /api/conversations/:id/notes': 'operator',
  'PATCH /api/conversations/:id/customer': 'operator',
  'GET /api/media/:id': 'operator',
  'POST /api/conversations/:id/attachments': 'operator',
  'POST /sandbox/api/users/:userId/events': 'operator',
  'GET /sandbox/api/users/:userId/chat': 'operator',
  'GET /sandbox/api/users/:userId/rich-menu': 'operator',
  'GET /sandbox/api/rich-menus/:richMenuId/image': 'operator',
  'GET /sandbox/api/hours': 'operator',

  'POST /api/flows/validate': 'supervisor',
  'POST /api/flows/simulate': 'supervisor',
  'POST /api/flows/test': 'supervisor',
  'GET /api/flows/versions': 'supervisor',
  'GET /api/flows/versions/:version': 'supervisor',
  'GET /api/plugins': 'supervisor',
  'GET /api/audit': 'supervisor',
  'GET /api/audit/export.csv': 'supervisor',
  'GET /api/analytics/summary': 'supervisor',
  'GET /api/analytics/days': 'supervisor',
  'GET /api/analytics/hours': 'supervisor',
  'GET /api/analytics/operators': 'supervisor',
  'GET /api/analytics/csat-comments': 'supervisor',
  'GET /api/analytics/live': 'supervisor',
  'GET /api/analytics/export.csv': 'supervisor',
  'GET /api/line/quota': 'supervisor',
  'GET /api/jobs': 'supervisor',
  'GET /api/jobs/runs': 'supervisor',

  'POST /api/flows/versions': 'admin',
  'POST /api/flows/versions/:version/activate': 'admin',
  'POST /api/operators': 'admin',
  'PATCH /api/operators/:id': 'admin',
  'POST /api/operators/:id/reset-password': 'admin',
  'DELETE /api/operators/:id/mfa': 'admin',
  'GET /api/settings/security': 'admin',
  'PUT /api/settings/security': 'admin',
  'POST /api/jobs/:name/run': 'admin',
  'GET /api/relay-targets': 'admin',
  'POST /api/relay-targets': 'admin',
  'PATCH /api/relay-targets/:id': 'admin',
  'DELETE /api/relay-targets/:id': 'admin',
  'POST /api/relay-targets/:id/secret': 'admin',
  // LINE channels (docs/channels.md): everyone sees the ones they work in; admins add, change and delete
  'GET /api/channels': 'operator',
  'GET /api/channels/:id': 'operator',
  'POST /api/channels': 'admin',
  'PATCH /api/channels/:id': 'admin',
  'DELETE /api/channels/:id': 'admin',
};

/** the table's key for a route: `METHOD /path/:param` (HEAD is GET) */
export const accessKey = (method: string, path: string): string => `${method === 'HEAD' ? 'GET' : method} ${path}`;
