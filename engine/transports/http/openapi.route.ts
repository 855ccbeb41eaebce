/** GET /api/openapi.json: the REST API described for clients, request bodies taken from schemas/api.json. */
import Router from '@koa/router';
import apiSchemas from '../../../schemas/api.json' with { type: 'json' };

const bearer = [{ bearer: [] }];
const error = { $ref: '#/components/schemas/Error' };
const responses = (ok: string) => ({
  200: { description: ok },
  400: { description: 'Invalid request', content: { 'application/json': { schema: error } } },
  401: { description: 'Missing or invalid token', content: { 'application/json': { schema: error } } },
  404: { description: 'Not found', content: { 'application/json': { schema: error } } },
  409: { description: 'Conflicts with the conversation state', content: { 'application/json': { schema: error } } },
});
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Baton API', version: '0.1.0', description: 'Operator REST API. Errors are `{ error: { code, message } }`.' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      ...apiSchemas.definitions,
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
  paths: {
    '/api/auth/login': { post: { summary: 'Sign in; returns { accessToken, operator }', requestBody: body('LoginRequest'), responses: responses('Signed in') } },
    '/api/me': { get: { summary: 'The signed-in operator', security: bearer, responses: responses('The operator') } },
    '/api/operators': { get: { summary: 'All operators', security: bearer, responses: responses('Operators') } },
    '/api/conversations': {
      get: {
        summary: 'Conversations, filtered by status and search text',
        security: bearer,
        parameters: [
          { name: 'status', in: 'query', schema: { enum: ['waiting', 'active', 'closed'] } },
          { name: 'q', in: 'query', schema: { type: 'string' } },
        ],
        responses: responses('{ conversations }'),
      },
    },
    '/api/conversations/{id}': { get: { summary: 'A conversation and its messages', security: bearer, parameters: idParam, responses: responses('{ conversation, messages }') } },
    '/api/conversations/{id}/canned-responses': { get: { summary: "Canned responses rendered for this conversation's customer", security: bearer, parameters: idParam, responses: responses('{ responses }') } },
    '/api/plugins': { get: { summary: 'Notifiers and plugin steps with calls, failures and the last error (supervisor)', security: bearer, responses: responses('{ plugins }') } },
    '/api/me/presence': { put: { summary: 'available: take new conversations; away: none', security: bearer, requestBody: body('PresenceRequest'), responses: responses('{ presence }') } },
    '/api/flows/validate': { post: { summary: 'Validate a flow set (supervisor)', security: bearer, requestBody: body('FlowFilesRequest'), responses: responses('{ ok, problems }') } },
    '/api/flows/versions': {
      get: { summary: 'Published flow versions and activations (supervisor)', security: bearer, responses: responses('{ versions, activations }') },
      post: { summary: 'Publish a flow set as the active version (admin); 422 with problems when invalid', security: bearer, requestBody: body('FlowFilesRequest'), responses: responses('{ version }') },
    },
    '/api/flows/versions/{version}': { get: { summary: "A version's files (supervisor)", security: bearer, parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'integer' } }], responses: responses('{ version, files }') } },
    '/api/flows/versions/{version}/activate': { post: { summary: 'Make a version active again: rollback (admin)', security: bearer, parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'integer' } }], responses: responses('{ version }') } },
    '/api/conversations/{id}/claim': { post: { summary: 'Claim a waiting conversation', security: bearer, parameters: idParam, responses: responses('{ conversation }') } },
    '/api/conversations/{id}/messages': { post: { summary: 'Send a text to the customer', security: bearer, parameters: idParam, requestBody: body('SendMessageRequest'), responses: responses('{ message }') } },
    '/api/conversations/{id}/transfer': { post: { summary: 'Hand to another operator or back to the queue', security: bearer, parameters: idParam, requestBody: body('TransferRequest'), responses: responses('{ conversation }') } },
    '/api/conversations/{id}/close': { post: { summary: 'Close; the customer goes back to the bot', security: bearer, parameters: idParam, requestBody: body('CloseRequest'), responses: responses('{ conversation }') } },
  },
};

export function openApiRoutes(): Router {
  const router = new Router();
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openApiDocument;
  });
  return router;
}
