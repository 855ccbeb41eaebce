import type { ConversationStatus } from '../../../engine/contracts/conversation.ts';
import type {
  AuditListResponse,
  CannedResponseListResponse,
  ChangePasswordRequest,
  CloseRequest,
  ConversationDetailResponse,
  ConversationHistoryResponse,
  ConversationListResponse,
  ConversationResponse,
  ConversationStatusQuery,
  CreateOperatorRequest,
  CreateOperatorResponse,
  FlowFilesRequest,
  FlowPublishRequest,
  FlowSimulateRequest,
  FlowSimulateResponse,
  FlowTestRunResponse,
  FlowValidateResponse,
  FlowVersionChangedResponse,
  FlowVersionListResponse,
  FlowVersionResponse,
  InviteInfoResponse,
  MeResponse,
  MfaCodeRequest,
  MfaEnableResponse,
  MfaSetupResponse,
  OperatorListResponse,
  OperatorResponse,
  PresenceRequest,
  PresenceResponse,
  ResetPasswordResponse,
  SecuritySettingsDto,
  SendMessageRequest,
  SendMessageResponse,
  TransferRequest,
  UpdateOperatorRequest,
} from '../../../engine/contracts/rest.ts';
import { toApiError } from './api-error.ts';
import { authorizedFetch } from './authorized-fetch.ts';
import { fetchEngine } from './fetch-engine.ts';
import { reachEngine } from './reach-engine.ts';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** false for public calls (an invite link), which send no token and never refresh */
  auth?: boolean;
}

function init(method: string, { body, signal }: RequestOptions): RequestInit {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal };
}

function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const requestInit = init(method, options);
  if (options.auth !== false) return authorizedFetch(path, requestInit);
  return reachEngine(requestInit, async () => {
    const response = await fetchEngine(path, requestInit);
    if (!response.ok) throw await toApiError(response);
    return response;
  });
}

/** The one place the studio talks to /api: JSON in and out, the session's token, errors as ApiRequestError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  // the contracts type every JSON body; the engine is the source of truth for them
  const json: T = await response.json();
  return json;
}

const STATUS_QUERY: Record<ConversationStatus, ConversationStatusQuery> = {
  WAITING: 'waiting',
  ACTIVE: 'active',
  CLOSED: 'closed',
};

/** GET /api/audit filters; times are epoch ms */
export interface AuditQuery {
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
  targetId?: string;
  before?: number;
  limit?: number;
}

function auditParams(query: AuditQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params;
}

const id = (value: string) => encodeURIComponent(value);

export const api = {
  me: (signal?: AbortSignal) => request<MeResponse>('GET', '/api/me', { signal }),
  changePassword: (body: ChangePasswordRequest) => request<MeResponse>('POST', '/api/me/password', { body }),
  mfaSetup: () => request<MfaSetupResponse>('POST', '/api/me/mfa/setup'),
  mfaEnable: (otp: string) => request<MfaEnableResponse>('POST', '/api/me/mfa/enable', { body: { otp } satisfies MfaCodeRequest }),
  mfaDisable: (body: MfaCodeRequest) => request<MeResponse>('POST', '/api/me/mfa/disable', { body }),
  setPresence: (body: PresenceRequest) => request<PresenceResponse>('PUT', '/api/me/presence', { body }),

  operators: (signal?: AbortSignal) => request<OperatorListResponse>('GET', '/api/operators', { signal }),
  createOperator: (body: CreateOperatorRequest) => request<CreateOperatorResponse>('POST', '/api/operators', { body }),
  updateOperator: (operatorId: string, body: UpdateOperatorRequest) =>
    request<OperatorResponse>('PATCH', `/api/operators/${id(operatorId)}`, { body }),
  resetOperatorPassword: (operatorId: string) =>
    request<ResetPasswordResponse>('POST', `/api/operators/${id(operatorId)}/reset-password`),
  resetOperatorMfa: (operatorId: string) => request<OperatorResponse>('DELETE', `/api/operators/${id(operatorId)}/mfa`),
  securitySettings: (signal?: AbortSignal) => request<SecuritySettingsDto>('GET', '/api/settings/security', { signal }),
  saveSecuritySettings: (body: SecuritySettingsDto) => request<SecuritySettingsDto>('PUT', '/api/settings/security', { body }),

  invite: (token: string, signal?: AbortSignal) => request<InviteInfoResponse>('GET', `/api/invites/${id(token)}`, { signal, auth: false }),

  audit: (query: AuditQuery, signal?: AbortSignal) => request<AuditListResponse>('GET', `/api/audit?${auditParams(query)}`, { signal }),
  /** the CSV export needs the bearer token, so it is fetched here and saved from a Blob, not linked */
  async auditCsv(query: AuditQuery): Promise<Blob> {
    const response = await authorizedFetch(`/api/audit/export.csv?${auditParams(query)}`, { headers: { accept: 'text/csv' } });
    return response.blob();
  },

  conversations(status: ConversationStatus, q: string, signal?: AbortSignal) {
    const params = new URLSearchParams({ status: STATUS_QUERY[status] });
    if (q.trim()) params.set('q', q.trim());
    return request<ConversationListResponse>('GET', `/api/conversations?${params}`, { signal });
  },
  conversation: (conversationId: string, signal?: AbortSignal) =>
    request<ConversationDetailResponse>('GET', `/api/conversations/${id(conversationId)}`, { signal }),
  /** the customer's bot exchanges and past conversations before this one, newest first; `before` pages back */
  conversationHistory(conversationId: string, before: number | null, signal?: AbortSignal) {
    const params = new URLSearchParams(before === null ? {} : { before: String(before) });
    return request<ConversationHistoryResponse>('GET', `/api/conversations/${id(conversationId)}/history?${params}`, { signal });
  },
  claim: (conversationId: string) => request<ConversationResponse>('POST', `/api/conversations/${id(conversationId)}/claim`),
  send: (conversationId: string, body: SendMessageRequest) =>
    request<SendMessageResponse>('POST', `/api/conversations/${id(conversationId)}/messages`, { body }),
  transfer: (conversationId: string, body: TransferRequest) =>
    request<ConversationResponse>('POST', `/api/conversations/${id(conversationId)}/transfer`, { body }),
  close: (conversationId: string, body: CloseRequest) =>
    request<ConversationResponse>('POST', `/api/conversations/${id(conversationId)}/close`, { body }),
  cannedResponses: (conversationId: string, signal?: AbortSignal) =>
    request<CannedResponseListResponse>('GET', `/api/conversations/${id(conversationId)}/canned-responses`, { signal }),

  flowVersions: (signal?: AbortSignal) => request<FlowVersionListResponse>('GET', '/api/flows/versions', { signal }),
  flowVersion: (version: number, signal?: AbortSignal) =>
    request<FlowVersionResponse>('GET', `/api/flows/versions/${version}`, { signal }),
  validateFlows: (body: FlowFilesRequest) => request<FlowValidateResponse>('POST', '/api/flows/validate', { body }),
  /**
   * A set that does not validate fails with a 422 ApiRequestError whose body carries `problems`; one whose
   * baseVersion is no longer active with a 409 `stale_draft` whose body is a StaleDraftResponse.
   */
  publishFlows: (body: FlowPublishRequest) => request<FlowVersionChangedResponse>('POST', '/api/flows/versions', { body }),
  /** a dry run of a draft (nothing stored or sent); 422 with `problems` when the draft does not validate */
  simulateFlows: (body: FlowSimulateRequest, signal?: AbortSignal) => request<FlowSimulateResponse>('POST', '/api/flows/simulate', { body, signal }),
  testFlows: (body: FlowFilesRequest) => request<FlowTestRunResponse>('POST', '/api/flows/test', { body }),
  activateFlowVersion: (version: number) =>
    request<FlowVersionChangedResponse>('POST', `/api/flows/versions/${version}/activate`),
};
