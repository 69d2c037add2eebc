import type { ErrorCode } from '../../kernel/app-error.ts';

/** The one table from error codes to HTTP statuses (contract §0.7). */
export const errorStatus: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  INVALID_TRANSITION: 400,
  UNAUTHENTICATED: 401,
  REFRESH_REJECTED: 401,
  FORBIDDEN: 403,
  NOT_OWNER: 403,
  PASSWORD_MISMATCH: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  STATE_CONFLICT: 409,
  QUOTA_EXCEEDED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  INTERNAL: 500,
};
