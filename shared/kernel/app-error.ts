/**
 * The stable error codes of the HTTP contract (§0.7). Contexts raise these as values; each edge maps them to a
 * status with one table (shared/platform/http/error-status.ts).
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'INVALID_TRANSITION',
  'UNAUTHENTICATED',
  'REFRESH_REJECTED',
  'FORBIDDEN',
  'NOT_OWNER',
  'PASSWORD_MISMATCH',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'STATE_CONFLICT',
  'QUOTA_EXCEEDED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Seconds a caller should wait (429, 503). */
  readonly retryAfterSeconds?: number;
}

export const appError = (code: ErrorCode, message: string, retryAfterSeconds?: number): AppError =>
  retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds };

export const validationFailed = (message: string): AppError => appError('VALIDATION_FAILED', message);
export const notFound = (what: string): AppError => appError('NOT_FOUND', `${what} not found`);

/**
 * A dependency that a retry may find back (a peer function, a lease store) cannot answer now. Thrown, not returned:
 * every use case would otherwise carry it; the HTTP runtime answers it with 503 UPSTREAM_UNAVAILABLE. The message is
 * shown to the caller, so it names the dependency and never a secret.
 */
export class UnavailableError extends Error {
  override name = 'UnavailableError';
}
