/** REST request and response bodies under /api. Errors are always `{ error: { code, message } }`. */
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
