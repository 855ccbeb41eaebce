/** GET /api/openapi.json: the REST API described for clients, request bodies taken from schemas/api.json. */
import Router from '@koa/router';
import apiSchemas from '../../../schemas/api.json' with { type: 'json' };
import { ANALYTICS_CSV_COLUMNS } from './analytics-csv.ts';
import { relaySchemas } from './relay.route.ts';
import { channelSchemas } from './channels.route.ts';

const bearer = [{ bearer: [] }];
const error = { $ref: '#/components/schemas/Error' };
const errors = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: error } } },
  401: { description: 'Missing or invalid token', content: { 'application/json': { schema: error } } },
  403: { description: 'Not allowed for this role, or the session may only change its password / enrol in MFA', content: { 'application/json': { schema: error } } },
  404: { description: 'Not found', content: { 'application/json': { schema: error } } },
  409: { description: 'Conflicts with the current state', content: { 'application/json': { schema: error } } },
};
const responses = (ok: string) => ({ 200: { description: ok }, ...errors });
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const tokenParam = [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }];
const date = (name: string) => ({ name, in: 'query', required: true, schema: { type: 'string', format: 'date' }, description: 'YYYY-MM-DD in the business time zone, inclusive; a range covers at most 400 days' });
const analyticsFilters = [
  date('from'),
  date('to'),
  { name: 'team', in: 'query', schema: { type: 'string' } },
  { name: 'operator', in: 'query', schema: { type: 'string' }, description: 'an operator id; not with team' },
];
const analyticsBy = { name: 'by', in: 'query', schema: { enum: ['day', 'team', 'operator'], default: 'day' } };
const nullableNumber = { type: ['number', 'null'] };
const durations = { type: 'object', required: ['count', 'avg', 'p50', 'p90'], properties: { count: { type: 'integer' }, avg: nullableNumber, p50: nullableNumber, p90: nullableNumber } };
const timedDurations = { type: 'object', required: ['calendar', 'business'], properties: { calendar: durations, business: durations } };
const analyticsSummary = {
  type: 'object',
  description: 'The metrics of docs/metrics.md over the range; durations in whole seconds, rates 0..1, null where undefined (0/0); a range that includes today counts today live',
  required: ['from', 'to', 'timezone', 'conversations', 'handoffs', 'csatAverage', 'csatResponses', 'firstResponseSeconds', 'resolutionSeconds', 'containmentRate', 'fcrRate', 'replies', 'pushes'],
  properties: {
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    timezone: { type: 'string' },
    ...Object.fromEntries(['conversations', 'handoffs', 'abandoned', 'handled', 'transfers', 'reopened', 'csatResponses', 'surveysSent', 'messagesIn', 'messagesOut', 'replies', 'pushes'].map((name) => [name, { type: 'integer' }])),
    ...Object.fromEntries(['containmentRate', 'abandonmentRate', 'csatAverage', 'csatSatisfiedRate', 'csatResponseRate', 'fcrRate'].map((name) => [name, nullableNumber])),
    waitSeconds: durations,
    firstResponseSeconds: timedDurations,
    resolutionSeconds: timedDurations,
  },
};
const auditFilters = ['from', 'to', 'actor', 'action', 'targetId', 'before', 'limit'].map((name) => ({ name, in: 'query', schema: { type: 'string' } }));

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Baton API', version: '0.1.0', description: 'Operator REST API. Errors are `{ error: { code, message } }`.' },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      refreshCookie: { type: 'apiKey', in: 'cookie', name: 'baton_refresh' },
    },
    schemas: {
      ...apiSchemas.definitions,
      ...relaySchemas,
      ...channelSchemas,
      AnalyticsSummary: analyticsSummary,
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
  paths: {
    '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    '/api/auth/login': { post: { summary: 'Sign in (with otp or recoveryCode when MFA is on); returns { accessToken, expiresAt, operator, restriction, idleTimeoutSeconds } and sets the refresh cookie; 401 otp_required, 409 mfa_secret_unreadable (the authenticator secret is encrypted under another BATON_ENCRYPTION_KEY, or none is set), 429 with Retry-After', requestBody: body('LoginRequest'), responses: responses('Signed in') } },
    '/api/auth/refresh': { post: { summary: 'A new access token for the refresh cookie, which is rotated; a replaced cookie used again ends the session', security: [{ refreshCookie: [] }], requestBody: body('RefreshRequest'), responses: responses('Same as login') } },
    '/api/auth/logout': { post: { summary: 'Ends the session of the bearer token (or of the refresh cookie): its tokens are refused at once', security: bearer, responses: { 204: { description: 'Signed out' } } } },
    '/api/me': { get: { summary: 'The signed-in operator and what the session may do', security: bearer, responses: responses('{ operator, restriction }') } },
    '/api/me/password': { post: { summary: 'Change my password; my other sessions end', security: bearer, requestBody: body('ChangePasswordRequest'), responses: responses('{ operator, restriction }') } },
    '/api/me/mfa/setup': { post: { summary: 'Start MFA enrolment: { secret, otpauthUrl, qrSvg }', security: bearer, responses: responses('{ secret, otpauthUrl, qrSvg }') } },
    '/api/me/mfa/enable': { post: { summary: 'Confirm enrolment with a code: MFA on, 10 recovery codes shown once', security: bearer, requestBody: body('MfaEnableRequest'), responses: responses('{ recoveryCodes, operator }') } },
    '/api/me/mfa/disable': { post: { summary: 'Turn MFA off with a code or a recovery code (409 where an admin requires it)', security: bearer, requestBody: body('MfaCodeRequest'), responses: responses('{ operator, restriction }') } },
    '/api/operators': {
      get: { summary: 'The team', security: bearer, responses: responses('{ operators }') },
      post: { summary: 'Add an operator (admin): with a password, or without one for an invite link; 201', security: bearer, requestBody: body('CreateOperatorRequest'), responses: responses('{ operator, invite }') },
    },
    '/api/channels': {
      get: { summary: 'LINE channels (docs/channels.md) the caller works in: id, name, avatarUrl, isDefault, webhookPath, groupHandoff, credentialsFromEnvironment; never a secret or token', security: bearer, responses: responses('{ channels }') },
      post: { summary: "Add a LINE channel (admin): its token is checked with LINE's bot info (400 line_token_refused), which names it when no name is given; stored encrypted (409 encryption_key_missing without BATON_ENCRYPTION_KEY); 409 channel_exists; 201", security: bearer, requestBody: body('CreateChannelRequest'), responses: { 201: { description: '{ channel }' }, ...errors } },
    },
    '/api/channels/{id}': {
      get: { summary: 'One LINE channel (404 outside the caller\'s channels)', security: bearer, parameters: idParam, responses: responses('{ channel }') },
      patch: { summary: "Rename, change the avatar or group handoff, rotate the secret or token (admin); the default channel's credentials live in the environment (400 default_channel_credentials)", security: bearer, parameters: idParam, requestBody: body('UpdateChannelRequest'), responses: responses('{ channel }') },
      delete: { summary: 'Delete a LINE channel (admin): 400 default_channel for the default; 409 channel_in_use while it has open conversations (the message says how many); its customers and history stay', security: bearer, parameters: idParam, responses: { 204: { description: 'Deleted' }, ...errors } },
    },
    '/api/operators/{id}': { patch: { summary: 'Change role, teams, skills, capacity, name; deactivate (admin): at once on REST and sockets', security: bearer, parameters: idParam, requestBody: body('UpdateOperatorRequest'), responses: responses('{ operator }') } },
    '/api/operators/{id}/reset-password': { post: { summary: 'A one-time password, shown once; their sessions end (admin)', security: bearer, parameters: idParam, responses: responses('{ temporaryPassword, operator }') } },
    '/api/operators/{id}/mfa': { delete: { summary: 'Turn their MFA off (a lost phone); their sessions end (admin)', security: bearer, parameters: idParam, responses: responses('{ operator }') } },
    '/api/invites/{token}': { get: { summary: 'Whose invite link this is', parameters: tokenParam, responses: responses('{ email, name, expiresAt }') } },
    '/api/invites/{token}/accept': { post: { summary: 'Choose the password and sign in (once)', parameters: tokenParam, requestBody: body('AcceptInviteRequest'), responses: responses('Same as login') } },
    '/api/settings/security': {
      get: { summary: 'Which roles must use MFA (admin)', security: bearer, responses: responses('{ requireMfaFor }') },
      put: { summary: 'Require MFA for roles (admin)', security: bearer, requestBody: body('SecuritySettings'), responses: responses('{ requireMfaFor }') },
    },
    '/api/audit': { get: { summary: 'The audit log, newest first (supervisor)', security: bearer, parameters: auditFilters, responses: responses('{ entries, nextBefore }') } },
    '/api/audit/export.csv': { get: { summary: 'The audit log as CSV, streamed (supervisor)', security: bearer, parameters: auditFilters, responses: responses('text/csv') } },
    '/api/conversations': {
      get: {
        summary: 'Conversations, filtered by status, search text, assignee, team and customer tag, all together (operators: the queue and their own; a filter only narrows that)',
        security: bearer,
        parameters: [
          { name: 'status', in: 'query', schema: { enum: ['waiting', 'active', 'closed'] } },
          { name: 'q', in: 'query', schema: { type: 'string' }, description: "text in the customer's name or any message (case-insensitive)" },
          {
            name: 'assignee',
            in: 'query',
            schema: { type: 'string', examples: ['me', 'unassigned'] },
            description: 'me: held by the caller; unassigned: held by nobody (the queue, and chats closed from it); an operator id: held by them (400 invalid_assignee for an unknown id)',
          },
          { name: 'team', in: 'query', schema: { type: 'string', maxLength: 64 }, description: 'the team routing gave the conversation (400 invalid_team)' },
          { name: 'tag', in: 'query', schema: { type: 'string', maxLength: 50 }, description: "the customer carries this tag, case-insensitive (400 invalid_tag)" },
          { name: 'channel', in: 'query', schema: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' }, description: 'the LINE channel the customer wrote to (400 invalid_channel for an unknown one); someone limited to channels sees only theirs' },
        ],
        responses: responses('{ conversations }'),
      },
    },
    '/api/conversations/{id}': { get: { summary: 'A conversation and its messages; an image, video, audio or file message carries media { url, contentType, size } once fetched from LINE', security: bearer, parameters: idParam, responses: responses('{ conversation, messages }') } },
    '/api/media/{id}': {
      get: {
        summary: "The bytes of a message's image, video, audio or file (id: the message's id), to a caller who may read the message; 404 media_not_fetched while on its way from LINE, media_expired when LINE no longer had it",
        security: bearer,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: responses('the bytes, with Content-Type, Content-Length and Content-Disposition'),
      },
    },
    '/api/conversations/{id}/history': {
      get: {
        summary: "The customer's bot exchanges and past conversations (status, operator, close, CSAT) before this one, newest first; nextBefore pages back",
        security: bearer,
        parameters: [
          ...idParam,
          { name: 'before', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'a message id: only older messages (nextBefore of the previous page)' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: responses('{ messages, conversations, nextBefore }'),
      },
    },
    '/api/conversations/{id}/canned-responses': { get: { summary: "Canned responses rendered for this conversation's customer: each with its text, its LINE messages (text, image, flex, quick replies on the last) and rich (sent as it is rather than edited)", security: bearer, parameters: idParam, responses: responses('{ responses }') } },
    '/api/plugins': { get: { summary: 'Notifiers and plugin steps with calls, failures and the last error (supervisor)', security: bearer, responses: responses('{ plugins }') } },
    '/api/me/presence': { put: { summary: 'available: take new conversations; away: none', security: bearer, requestBody: body('PresenceRequest'), responses: responses('{ presence }') } },
    '/api/flows/validate': { post: { summary: 'Validate a flow set (supervisor)', security: bearer, requestBody: body('FlowFilesRequest'), responses: responses('{ ok, problems }') } },
    '/api/flows/simulate': {
      post: { summary: "Dry-run a conversation with a draft flow set as a customer of a channel (that channel's Flow answers): messages and a trace per input; stores and sends nothing (supervisor)", security: bearer, requestBody: body('FlowSimulateRequest'), responses: responses('{ flow: { id, file, channel, shared }, turns: [{ at, messages, trace, error }], customer }') },
    },
    '/api/flows/test': { post: { summary: "Run a draft flow set's own tests (supervisor)", security: bearer, requestBody: body('FlowFilesRequest'), responses: responses('{ results: [{ name, file, index, flow, channel, ranFlow, passed, failure }] }') } },
    '/api/flows/versions': {
      get: { summary: 'Published flow versions and activations (supervisor)', security: bearer, responses: responses('{ versions, activations }') },
      post: {
        summary: 'Publish a flow set as the active version (admin); 422 with problems when invalid; 409 stale_draft when baseVersion is no longer the active version',
        security: bearer,
        requestBody: body('FlowPublishRequest'),
        responses: responses('{ version }'),
      },
    },
    '/api/flows/versions/{version}': { get: { summary: "A version's files (supervisor)", security: bearer, parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'integer' } }], responses: responses('{ version, files }') } },
    '/api/flows/versions/{version}/activate': { post: { summary: 'Make a version active again: rollback (admin)', security: bearer, parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'integer' } }], responses: responses('{ version }') } },
    '/api/analytics/summary': {
      get: {
        summary: 'Totals over a range of days, overall or for a team or an operator (supervisor)',
        security: bearer,
        parameters: analyticsFilters,
        responses: { ...responses('AnalyticsSummary'), 200: { description: 'The totals', content: { 'application/json': { schema: { $ref: '#/components/schemas/AnalyticsSummary' } } } } },
      },
    },
    '/api/analytics/days': { get: { summary: 'One row per day, or per day and team / operator (by): { days: [{ day, dimension, key, metrics }] } (supervisor)', security: bearer, parameters: [...analyticsFilters, analyticsBy], responses: responses('{ days }') } },
    '/api/analytics/hours': { get: { summary: 'Conversations, handoffs and messages in by local hour of day over the range: { hours } with 24 entries, hour 0 first (supervisor)', security: bearer, parameters: analyticsFilters, responses: responses('{ hours }') } },
    '/api/analytics/operators': { get: { summary: "Each operator's metrics summed over the range, busiest first; with team, its members only (supervisor)", security: bearer, parameters: analyticsFilters, responses: responses('{ operators: [{ operatorId, name, metrics }] }') } },
    '/api/analytics/csat-comments': {
      get: {
        summary: 'CSAT answers with a comment, of conversations closed in the range, newest first (supervisor)',
        security: bearer,
        parameters: [...analyticsFilters, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }],
        responses: responses('{ comments }'),
      },
    },
    '/api/analytics/live': { get: { summary: "The live cards: waiting, active, longest wait now and today's figures; also pushed as the analytics:live socket event, at most once a second (supervisor)", security: bearer, responses: responses('AnalyticsLive') } },
    '/api/analytics/export.csv': {
      get: {
        summary: 'The days of the range as CSV, streamed as it is read (chunked; an attachment named baton-analytics-<by>-<from>-<to>.csv) (supervisor)',
        description:
          `One row per day (by=day: overall, dimension all and key empty; with team or operator, that one's) or per day and team / operator (key: the team or operator id), in the order: ${ANALYTICS_CSV_COLUMNS.map((column) => column.name).join(', ')}. ` +
          'Durations in whole seconds (count, avg, p50, p90 over calendar time and over business hours), rates from 0 to 1, an empty cell where a value is undefined (0/0); each metric is defined in docs/metrics.md. ' +
          'Cells starting with = + - @ are prefixed with a quote (spreadsheet formula injection).',
        security: bearer,
        parameters: [...analyticsFilters, analyticsBy],
        responses: { ...responses('text/csv'), 200: { description: 'CSV, header row first', content: { 'text/csv': { schema: { type: 'string' } } } } },
      },
    },
    '/api/line/quota': {
      get: {
        summary: "LINE's monthly message quota: limit, used (LINE's count), usedByBaton, remaining, month and resetsAt (Japan time), forecast { perDay, endOfMonth, runsOutOn }, sent { replies, pushes } this month, checkedAt, stale, warning (supervisor)",
        description: 'Rules in docs/line-quota.md. LINE is asked at most every 10 minutes (sooner after a burst of pushes); when it fails, the last figures are kept and stale is true. Each LINE channel has its own quota (docs/channels.md).',
        security: bearer,
        parameters: [{ name: 'channel', in: 'query', schema: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' }, description: "the LINE channel (default: the default channel); 400 invalid_channel for an unknown one" }],
        responses: responses('LineQuota'),
      },
    },
    '/api/jobs': { get: { summary: "The cron jobs this engine runs: name, schedule, timezone (null: the server's) and the last run (supervisor)", security: bearer, responses: responses('{ jobs }') } },
    '/api/jobs/runs': {
      get: {
        summary: "Runs of one job (newest slot first) or of all jobs (latest first); startedBy is the admin who ran it by hand, null for the schedule (supervisor); 404 for an unknown job",
        security: bearer,
        parameters: [
          { name: 'job', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: responses('{ runs }'),
      },
    },
    '/api/jobs/{name}/run': {
      post: {
        summary: 'Run a job now on this engine, in a slot of its own, recorded with who asked and audited (admin): 202 { run } as it starts; 409 job_running while a run of it goes on anywhere; 404 for an unknown job',
        security: bearer,
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 202: { description: '{ run }: the run as recorded, status running' }, ...errors },
      },
    },
    '/api/relay-targets': {
      get: { summary: 'Webhook relay targets (docs/relay.md) with their delivery status: backlog, gaveUp, lastSuccessAt, lastFailureAt, lastError; never their secrets (admin)', security: bearer, responses: responses('{ targets }') },
      post: { summary: 'Add a relay target (admin): https URL (http only to localhost/127.0.0.1); 201 { target, secret }, the secret shown in this answer only; 409 name_taken; 400 unknown_channel for a channel id no channel has', security: bearer, requestBody: body('CreateRelayTargetRequest'), responses: { 201: { description: '{ target, secret }' }, ...errors } },
    },
    '/api/relay-targets/{id}': {
      patch: { summary: 'Change a relay target: name, url, enabled, events, channels (admin); 400 unknown_channel', security: bearer, parameters: idParam, requestBody: body('UpdateRelayTargetRequest'), responses: responses('{ target }') },
      delete: { summary: 'Delete a relay target and its queued deliveries (admin)', security: bearer, parameters: idParam, responses: { 204: { description: 'Deleted' }, ...errors } },
    },
    '/api/relay-targets/{id}/secret': { post: { summary: "A new signing secret for the target, shown in this answer only; the old one signs nothing from now on (admin)", security: bearer, parameters: idParam, responses: responses('{ target, secret }') } },
    '/api/conversations/{id}/read': { post: { summary: 'Mark read up to a message, for the caller (unread counts in their list)', security: bearer, parameters: idParam, requestBody: body('ReadRequest'), responses: responses('{ lastReadMessageId, unread }') } },
    '/api/conversations/{id}/claim': { post: { summary: 'Claim a waiting conversation', security: bearer, parameters: idParam, responses: responses('{ conversation }') } },
    '/api/conversations/{id}/messages': { post: { summary: "Send the customer a text, an uploaded image ({ image: { attachmentId } }), a sticker of LINE's sendable set ({ sticker: { packageId, stickerId } }; 400 sticker_not_sendable) or a canned response ({ canned: id }: its text, image, flex and quick replies; 400 unknown_canned)", security: bearer, parameters: idParam, requestBody: body('SendMessageRequest'), responses: responses('{ message, messages }') } },
    '/api/conversations/{id}/attachments': {
      post: {
        summary: 'Upload an image to send in a conversation you hold: the body is the bytes; JPEG or PNG (read from the bytes; else 415 unsupported_media_type), up to 10 MB (413 attachment_too_large); the id is good for an hour',
        security: bearer,
        parameters: idParam,
        requestBody: { required: true, content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } }, 'image/png': { schema: { type: 'string', format: 'binary' } } } },
        responses: responses('{ attachment: { id, contentType, size } }'),
      },
    },
    '/api/public-media/{file}': {
      get: {
        summary: 'An image an operator sent, for LINE to fetch without a token: only the signed link in the image message, unchanged and within 14 days, answers (else 404)',
        parameters: [
          { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'expires', in: 'query', required: true, schema: { type: 'integer' } },
          { name: 'signature', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: responses('the bytes'),
      },
    },
    '/api/conversations/{id}/transfer': { post: { summary: "Hand to another operator (operatorId) or back to the queue, optionally of another team (team); a note is kept in the thread as a private note for the receiver; 400 unknown_team", security: bearer, parameters: idParam, requestBody: body('TransferRequest'), responses: responses('{ conversation }') } },
    '/api/conversations/{id}/close': { post: { summary: 'Close; the customer goes back to the bot', security: bearer, parameters: idParam, requestBody: body('CloseRequest'), responses: responses('{ conversation }') } },
    '/api/conversations/{id}/reopen': {
      post: {
        summary: 'Reopen a closed conversation: ACTIVE with the caller, the customer back with a human; 409 customer_has_open_conversation (with its conversationId) while the customer has another open one',
        security: bearer,
        parameters: idParam,
        responses: responses('{ conversation }'),
      },
    },
    '/api/conversations/{id}/notes': { post: { summary: 'A private note in the thread (direction note): studio users who can see the conversation read it; never sent to LINE; 201', security: bearer, parameters: idParam, requestBody: body('NoteRequest'), responses: { 201: { description: '{ message }' }, ...errors } } },
    '/api/conversations/{id}/customer': { patch: { summary: "Set the customer's tags (trimmed, 1-32 characters, at most 20); every studio user showing the customer sees them at once", security: bearer, parameters: idParam, requestBody: body('UpdateCustomerRequest'), responses: responses('{ conversation }') } },
  },
};

export function openApiRoutes(): Router {
  const router = new Router();
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openApiDocument;
  });
  return router;
}
