import { appError, type AppError } from '../../kernel/app-error.ts';

export const refreshRejected = (why: string): AppError => appError('REFRESH_REJECTED', `refresh rejected: ${why}`);
export const upstreamUnavailable = (why: string, retryAfterSeconds?: number): AppError =>
  appError('UPSTREAM_UNAVAILABLE', `identity provider unavailable: ${why}`, retryAfterSeconds);
