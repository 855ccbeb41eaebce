/** JSON Schema checks at the edge (ajv), answering 400 with the first precise problem. */
import { Ajv, type ValidateFunction } from 'ajv';
import apiSchemas from '../../../schemas/api.json' with { type: 'json' };
import lineWebhookSchema from '../../../schemas/line-webhook.json' with { type: 'json' };
import { badRequest } from '../../errors.ts';
import type {
  AcceptInviteRequest,
  ChangePasswordRequest,
  CloseRequest,
  CreateOperatorRequest,
  FlowFilesRequest,
  FlowPublishRequest,
  FlowSimulateRequest,
  LoginRequest,
  MfaCodeRequest,
  NoteRequest,
  PresenceRequest,
  ReadRequest,
  RefreshRequest,
  SecuritySettingsDto,
  SendMessageRequest,
  TransferRequest,
  UpdateCustomerRequest,
  UpdateOperatorRequest,
} from '../../contracts/rest.ts';
import type { SimulatedEventRequest } from '../../contracts/sandbox.ts';
import type { RawLineEvent } from '../../services/chat/webhook-ingest.ts';

const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false });
ajv.addSchema(apiSchemas);

function compile<T>(ref: string): ValidateFunction<T> {
  const validate = ajv.getSchema<T>(ref);
  if (!validate) throw new Error(`schema ${ref} not found`);
  return validate;
}

export interface LineWebhookBody {
  destination?: string;
  events: RawLineEvent[];
}

export const validators = {
  lineWebhook: ajv.compile<LineWebhookBody>(lineWebhookSchema),
  login: compile<LoginRequest>('api.json#/definitions/LoginRequest'),
  sendMessage: compile<SendMessageRequest>('api.json#/definitions/SendMessageRequest'),
  transfer: compile<TransferRequest>('api.json#/definitions/TransferRequest'),
  close: compile<CloseRequest>('api.json#/definitions/CloseRequest'),
  read: compile<ReadRequest>('api.json#/definitions/ReadRequest'),
  note: compile<NoteRequest>('api.json#/definitions/NoteRequest'),
  updateCustomer: compile<UpdateCustomerRequest>('api.json#/definitions/UpdateCustomerRequest'),
  simulatedEvent: compile<SimulatedEventRequest>('api.json#/definitions/SimulatedEventRequest'),
  flowFiles: compile<FlowFilesRequest>('api.json#/definitions/FlowFilesRequest'),
  flowPublish: compile<FlowPublishRequest>('api.json#/definitions/FlowPublishRequest'),
  flowSimulate: compile<FlowSimulateRequest>('api.json#/definitions/FlowSimulateRequest'),
  presence: compile<PresenceRequest>('api.json#/definitions/PresenceRequest'),
  refresh: compile<RefreshRequest>('api.json#/definitions/RefreshRequest'),
  changePassword: compile<ChangePasswordRequest>('api.json#/definitions/ChangePasswordRequest'),
  mfaEnable: compile<{ otp: string }>('api.json#/definitions/MfaEnableRequest'),
  mfaCode: compile<MfaCodeRequest>('api.json#/definitions/MfaCodeRequest'),
  createOperator: compile<CreateOperatorRequest>('api.json#/definitions/CreateOperatorRequest'),
  updateOperator: compile<UpdateOperatorRequest>('api.json#/definitions/UpdateOperatorRequest'),
  acceptInvite: compile<AcceptInviteRequest>('api.json#/definitions/AcceptInviteRequest'),
  securitySettings: compile<SecuritySettingsDto>('api.json#/definitions/SecuritySettings'),
};

export function assertValid<T>(validate: ValidateFunction<T>, value: unknown, what: string): T {
  if (validate(value)) return value;
  const error = validate.errors?.[0];
  const where = error?.instancePath ? ` at ${error.instancePath}` : '';
  throw badRequest('invalid_body', `${what}: ${error?.message ?? 'invalid'}${where}`);
}
