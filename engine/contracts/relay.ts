/** REST contract of the webhook relay (docs/relay.md), shared with the studio (type-only imports). */

/** A target as the API shows it: never with its secret, which is shown once when created or rotated. */
export interface RelayTargetDto {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  /** LINE event types relayed (e.g. message, follow); null: every event */
  events: string[] | null;
  /** the LINE channels whose events are relayed (ids, `default` included); null: every channel's */
  channels: string[] | null;
  createdAt: number;
  updatedAt: number;
  status: RelayTargetStatusDto;
}

/** How delivery to a target goes. */
export interface RelayTargetStatusDto {
  /** events waiting for a (next) attempt */
  backlog: number;
  /** events given up on (a refusing answer, or 24 hours of failures), of those still kept (7 days) */
  gaveUp: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** what the last failed attempt got, e.g. "HTTP 500" or "timed out after 5000 ms" */
  lastError: string | null;
}

export interface RelayTargetListResponse {
  targets: RelayTargetDto[];
}

export interface CreateRelayTargetRequest {
  name: string;
  /** https, or http to localhost / 127.0.0.1 / [::1] for development */
  url: string;
  enabled?: boolean;
  events?: string[] | null;
  /** 400 unknown_channel for an id no channel has */
  channels?: string[] | null;
}

export type UpdateRelayTargetRequest = Partial<CreateRelayTargetRequest>;

export interface RelayTargetResponse {
  target: RelayTargetDto;
}

/** Created or rotated: the secret, shown this once. */
export interface RelayTargetSecretResponse {
  target: RelayTargetDto;
  secret: string;
}
