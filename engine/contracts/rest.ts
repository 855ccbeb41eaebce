/** REST request and response bodies under /api. Errors are always `{ error: { code, message } }`. */
import type { FlowProblem } from '../domain/flow/validation/flow-problem.ts';
import type { OutboundMessage } from '../domain/flow/flow-action.ts';
import type { FlowTraceEntry } from '../domain/flow/runtime/flow-trace.ts';
import type { SimulatedInput, SimulatedTurn, SimulationRequest, SimulationResult } from '../domain/flow/simulation/simulate-conversation.ts';
import type { ConversationDto, ConversationStatus, CustomerDto, MessageDto } from './conversation.ts';

export interface ApiError {
  error: { code: string; message: string };
}

/** The three roles, most powerful first; what each may do is the permission table in docs/security.md. */
export const ROLES = ['admin', 'supervisor', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface LoginRequest {
  email: string;
  password: string;
  /** the 6-digit code of the operator's authenticator app, when MFA is on */
  otp?: string;
  /** one of the 10 recovery codes, instead of `otp` (each works once) */
  recoveryCode?: string;
}

export interface OperatorDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** available: gets waiting conversations assigned; away: keeps chats, gets none; offline: not connected */
  presence: 'available' | 'away' | 'offline';
  teams: string[];
  skills: string[];
  /** most conversations auto-assignment gives them at once */
  capacity: number;
  /** the LINE channels whose conversations they see, claim and get assigned (docs/channels.md); null: every channel */
  channels: string[] | null;
  /** false once deactivated: cannot sign in, sessions and sockets ended */
  active: boolean;
  /** created with an invite link that has not been used yet */
  invited: boolean;
  mfaEnabled: boolean;
  /** epoch ms of the last successful sign-in */
  lastSignInAt: number | null;
  createdAt: number;
}

/**
 * A session that may do one thing only until it is done: change the one-time (or generated first-admin)
 * password, or enrol in MFA when an admin requires it for the role. Other routes answer 403 with this code.
 */
export type SessionRestriction = 'password_change' | 'mfa_enrollment';

/**
 * 200 of login, refresh and invite acceptance. The refresh token is never in the body: it is an httpOnly,
 * SameSite=Strict cookie (`baton_refresh`, path /api/auth), rotated on every use.
 */
export interface LoginResponse {
  /** a short-lived JWT (BATON_TOKEN_TTL_SECONDS, 15 min by default): `Authorization: Bearer ...` and the socket's auth */
  accessToken: string;
  /** when accessToken expires, epoch ms: refresh a little before */
  expiresAt: number;
  operator: OperatorDto;
  restriction: SessionRestriction | null;
  /** the session ends after this long without activity (BATON_IDLE_TIMEOUT_MINUTES) */
  idleTimeoutSeconds: number;
}

/** POST /api/auth/refresh: `active` says the person used the studio since the last refresh (keeps an idle session from ending) */
export interface RefreshRequest {
  active?: boolean;
}

export interface MeResponse {
  operator: OperatorDto;
  restriction: SessionRestriction | null;
}

export interface OperatorListResponse {
  operators: OperatorDto[];
}

/** POST /api/me/password: everyone changes their own; every other session of theirs ends */
export interface ChangePasswordRequest {
  currentPassword: string;
  /** 8 to 200 characters, not the email */
  newPassword: string;
}

/** POST /api/me/mfa/setup: a new secret, not yet in force until confirmed with a code */
export interface MfaSetupResponse {
  /** base32, for typing into an authenticator app by hand */
  secret: string;
  otpauthUrl: string;
  /** the otpauth URL as a QR code, an SVG document */
  qrSvg: string;
}

/** POST /api/me/mfa/enable with a code from the app; POST /api/me/mfa/disable with a code or a recovery code */
export interface MfaCodeRequest {
  otp?: string;
  recoveryCode?: string;
}

/** 200 of POST /api/me/mfa/enable: shown once, stored hashed */
export interface MfaEnableResponse {
  recoveryCodes: string[];
  operator: OperatorDto;
}

/**
 * POST /api/operators (admin). With `password` the operator can sign in with it at once (`mustChangePassword`:
 * only until they choose their own); without it an invite link is made for the admin to pass on.
 */
export interface CreateOperatorRequest {
  email: string;
  name: string;
  role: Role;
  password?: string;
  mustChangePassword?: boolean;
  teams?: string[];
  skills?: string[];
  capacity?: number;
  /** channel ids (each must exist, 400 otherwise); null or absent: every channel */
  channels?: string[] | null;
}

export interface InviteDto {
  /** BATON_PUBLIC_URL/#/invite/<token>: works once, until expiresAt */
  url: string;
  expiresAt: number;
}

/** 201 of POST /api/operators */
export interface CreateOperatorResponse {
  operator: OperatorDto;
  invite: InviteDto | null;
}

/** PATCH /api/operators/:id (admin): a role change or deactivation takes effect at once on REST and sockets */
export interface UpdateOperatorRequest {
  name?: string;
  role?: Role;
  teams?: string[];
  skills?: string[];
  capacity?: number;
  active?: boolean;
  /** channel ids (each must exist, 400 otherwise); null: every channel */
  channels?: string[] | null;
}

export interface OperatorResponse {
  operator: OperatorDto;
}

/** POST /api/operators/:id/reset-password (admin): a one-time password, shown once; their sessions end */
export interface ResetPasswordResponse {
  temporaryPassword: string;
  operator: OperatorDto;
}

/** GET /api/invites/:token (anyone holding the link) */
export interface InviteInfoResponse {
  email: string;
  name: string;
  expiresAt: number;
}

/** POST /api/invites/:token/accept: sets the password and signs in (answers a LoginResponse) */
export interface AcceptInviteRequest {
  password: string;
}

/** GET / PUT /api/settings/security (admin) */
export interface SecuritySettingsDto {
  /** roles that must enrol in MFA: their next sign-in can only enrol until they do */
  requireMfaFor: Role[];
}

/** One line of the audit log: who did what, when, from where, to what. Append-only. */
export interface AuditEntryDto {
  id: number;
  at: number;
  /** null for the system (cron, auto-assignment) or an unknown email at sign-in */
  actorId: string | null;
  actorEmail: string | null;
  /** e.g. auth.login, auth.login_failed, operator.created, flow.published, conversation.closed */
  action: string;
  targetType: string | null;
  targetId: string | null;
  address: string | null;
  details: Record<string, unknown>;
}

/**
 * GET /api/audit?from&to (epoch ms)&actor (email or id)&action&targetId&before (id)&limit, newest first;
 * `nextBefore` pages further back. GET /api/audit/export.csv takes the same filters and streams CSV.
 */
export interface AuditListResponse {
  entries: AuditEntryDto[];
  nextBefore: number | null;
}

export type ConversationStatusQuery = Lowercase<ConversationStatus>;

export interface ConversationListResponse {
  conversations: ConversationDto[];
}

export interface ConversationDetailResponse {
  conversation: ConversationDto;
  messages: MessageDto[];
}

/** One of the customer's other conversations, as the history shows it (with how they rated it). */
export interface PastConversationDto {
  id: string;
  status: ConversationStatus;
  operatorId: string | null;
  operatorName: string | null;
  /** epoch milliseconds */
  createdAt: number;
  closedAt: number | null;
  closeReason: string | null;
  /** the survey's score, null when unanswered */
  csat: number | null;
  csatComment: string | null;
}

/**
 * GET /api/conversations/:id/history?before=<messageId>&limit: what the customer said before this
 * conversation, newest first: messages with `conversationId` null are bot exchanges, the others belong to
 * one of `conversations`. `nextBefore` pages further back (null: nothing older).
 */
export interface ConversationHistoryResponse {
  messages: MessageDto[];
  conversations: PastConversationDto[];
  nextBefore: number | null;
}

/**
 * Exactly one of: a text, an uploaded image (POST /api/conversations/:id/attachments), a sendable sticker, or a
 * canned response by id (rendered for the customer and sent as all its messages: text, image, flex, quick replies).
 */
export type SendMessageRequest =
  | { text: string }
  | { image: { attachmentId: string; previewAttachmentId?: string } }
  | { sticker: { packageId: string; stickerId: string } }
  | { canned: string };

/** POST /api/conversations/:id/attachments: an image kept for sending (JPEG or PNG, up to 10 MB). */
export interface AttachmentResponse {
  attachment: { id: string; contentType: string; size: number };
}

export interface SendMessageResponse {
  /** the first message sent */
  message: MessageDto;
  /** every message sent, in order: one, except for a canned response with several parts */
  messages: MessageDto[];
}

export interface TransferRequest {
  /** hand to this operator; without it the conversation goes back to the waiting queue */
  operatorId?: string;
  /** the team the conversation belongs to from now on (its queue, without operatorId) */
  team?: string;
  /** a private note for whoever gets it, stored in the thread (never sent to the customer) */
  note?: string;
}

export interface CloseRequest {
  /** why it ended, shown in the thread header and the customer's history (default closed-by-operator) */
  reason?: string;
}

/** POST /api/conversations/:id/notes: a private note in the thread, for the team only (never sent to LINE) */
export interface NoteRequest {
  text: string;
}

/** 201 of POST /api/conversations/:id/notes */
export interface NoteResponse {
  message: MessageDto;
}

/** PATCH /api/conversations/:id/customer: the customer's tags as they should be (trimmed, 1-32 characters, at most 20) */
export interface UpdateCustomerRequest {
  tags: string[];
}

/** POST /api/conversations/:id/read: the caller has seen the conversation up to this message */
export interface ReadRequest {
  messageId: number;
}

export interface ReadResponse {
  /** how far the caller has read: never moves back, so it may be later than the messageId sent */
  lastReadMessageId: number;
  /** the customer's messages after it */
  unread: number;
}

export interface ConversationResponse {
  conversation: ConversationDto;
}

export type { CustomerDto };

/** A flow set as files, for validate and publish. */
export interface FlowFilesRequest {
  files: { file: string; source: string }[];
}

/** One validator problem (file:line:col, JSON pointer, stable code), as the CLI prints it. */
export type FlowProblemDto = FlowProblem;

/** 422 body when a flow set does not validate */
export interface FlowProblemsResponse {
  error: { code: 'invalid_flows'; message: string };
  problems: FlowProblemDto[];
}

export interface FlowVersionDto {
  version: number;
  active: boolean;
  publishedBy: string;
  publishedAt: number;
  /** why it was published; null for the flows folder and versions from before notes */
  note: string | null;
}

/** POST /api/flows/versions (schemas/api.json FlowPublishRequest) */
export interface FlowPublishRequest extends FlowFilesRequest {
  /** the version active when the draft was started: another one active now is a 409 stale_draft */
  baseVersion?: number;
  note?: string;
}

/** 409 body when someone published (or rolled back) after the draft was started */
export interface StaleDraftResponse {
  error: { code: 'stale_draft'; message: string };
  baseVersion: number;
  active: { version: number; action: 'publish' | 'activate'; actor: string; actorName: string; at: number };
}

/** POST /api/flows/simulate (schemas/api.json FlowSimulateRequest) */
export interface FlowSimulateRequest extends FlowFilesRequest, SimulationRequest {}

export type FlowSimulateResponse = SimulationResult;
export type { FlowTraceEntry, SimulatedInput, SimulatedTurn };

/** POST /api/flows/test: each of the draft's flow tests, passed or why not */
export interface FlowTestRunResponse {
  /** `flow`: the Flow the test is written in; `channel`: its customer's channel; `ranFlow`: the Flow that answered */
  results: { name: string; file: string; index: number; flow: string; channel: string; ranFlow: string; passed: boolean; failure: string | null }[];
}

export interface FlowVersionListResponse {
  versions: FlowVersionDto[];
  activations: { version: number; action: 'publish' | 'activate'; actor: string; at: number }[];
}

export interface FlowVersionResponse {
  version: FlowVersionDto;
  files: { file: string; source: string }[];
}

export interface PresenceRequest {
  presence: 'available' | 'away';
}

/** A canned response rendered for one conversation's customer (language variant, name filled in). */
export interface CannedResponseDto {
  id: string;
  /** what an operator types to insert it, e.g. /hours */
  shortcut: string | null;
  title: string;
  tags: string[];
  /** the rendered text ('' when the response is only an image or a flex message) */
  text: string;
  /**
   * The LINE messages it sends, rendered for this customer: what the composer previews and what
   * POST /api/conversations/:id/messages { canned } sends (text, image, flex; quick replies on the last).
   */
  messages: OutboundMessage[];
  /** true when it is more than one text: the composer sends it as it is instead of putting its text in the box */
  rich: boolean;
}

export interface CannedResponseListResponse {
  responses: CannedResponseDto[];
}

export interface PresenceResponse {
  presence: 'available' | 'away';
}

export interface FlowValidateResponse {
  ok: boolean;
  problems: FlowProblemDto[];
}

/** 201 of POST /api/flows/versions and 200 of POST /api/flows/versions/:v/activate */
export interface FlowVersionChangedResponse {
  version: FlowVersionDto;
}
