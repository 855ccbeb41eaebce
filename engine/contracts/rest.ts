/** REST request and response bodies under /api. Errors are always `{ error: { code, message } }`. */
import type { FlowProblem } from '../domain/flow/validation/flow-problem.ts';
import type { ConversationDto, ConversationStatus, CustomerDto, MessageDto } from './conversation.ts';

export interface ApiError {
  error: { code: string; message: string };
}

export interface LoginRequest {
  email: string;
  password: string;
  otp?: string;
}

export interface OperatorDto {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'operator';
  /** available: gets waiting conversations assigned; away: keeps chats, gets none; offline: not connected */
  presence: 'available' | 'away' | 'offline';
}

export interface LoginResponse {
  accessToken: string;
  operator: OperatorDto;
}

export interface MeResponse {
  operator: OperatorDto;
}

export interface OperatorListResponse {
  operators: OperatorDto[];
}

export type ConversationStatusQuery = Lowercase<ConversationStatus>;

export interface ConversationListResponse {
  conversations: ConversationDto[];
}

export interface ConversationDetailResponse {
  conversation: ConversationDto;
  messages: MessageDto[];
}

export interface SendMessageRequest {
  text: string;
}

export interface SendMessageResponse {
  message: MessageDto;
}

export interface TransferRequest {
  /** hand to this operator; without it the conversation goes back to the waiting queue */
  operatorId?: string;
}

export interface CloseRequest {
  reason?: string;
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
  text: string;
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
