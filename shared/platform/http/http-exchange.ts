import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { AppError } from '../../kernel/app-error.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { errorStatus } from './error-status.ts';
import { refuseUnreadBody } from './unread-body.ts';

export interface Identity {
  readonly userId: number;
  readonly roles: readonly string[];
}

/** What a route handler sees: decoded parameters and body, never the raw Node objects. */
export interface HttpRequest<Query = Record<string, string>, Body = unknown> {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  readonly body: Body;
  readonly rawBody: Buffer;
  /** A multipart route's body, streaming under the route's byte limit; empty elsewhere. */
  readonly bodyStream: Readable;
  readonly headers: IncomingHttpHeaders;
  readonly clientIp: string;
  readonly identity: Identity | null;
}

export interface HttpResponse {
  readonly status: number;
  /** Serialised as JSON unless `contentType` is given, then sent as is. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
}

export const json = (status: number, body: unknown, headers?: HttpResponse['headers']): HttpResponse =>
  headers ? { status, body, headers } : { status, body };

type ResponseHeaders = HttpResponse['headers'];

/**
 * The contract's answer to a use case's Result. On success: `status` with the JSON body `toBody` makes of the value
 * (no body when it gives undefined) and the headers, fixed or made of the value; or, for an answer that is not plain
 * JSON (cached bytes with an ETag, a feed), the whole response `respond` makes. A failure stays the AppError, which
 * registerHttpFunction answers with `errorResponse`: its status from the one table, `errorStatus` (§0.7).
 */
export function answer<T>(result: Result<T, AppError>, respond: (value: T) => HttpResponse): Result<HttpResponse, AppError>;
export function answer<T>(
  result: Result<T, AppError>,
  status: number,
  toBody: (value: T) => unknown,
  headers?: ResponseHeaders | ((value: T) => ResponseHeaders),
): Result<HttpResponse, AppError>;
export function answer<T>(
  result: Result<T, AppError>,
  success: number | ((value: T) => HttpResponse),
  toBody?: (value: T) => unknown,
  headers?: ResponseHeaders | ((value: T) => ResponseHeaders),
): Result<HttpResponse, AppError> {
  if (!result.ok) return result;
  if (typeof success === 'function') return ok(success(result.value));
  return ok(json(success, toBody?.(result.value), typeof headers === 'function' ? headers(result.value) : headers));
}

export function errorResponse(error: AppError): HttpResponse {
  const headers = error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(Math.ceil(error.retryAfterSeconds)) };
  return json(errorStatus[error.code], { code: error.code, message: error.message }, headers);
}

export function writeResponse(res: ServerResponse, response: HttpResponse): void {
  refuseUnreadBody(res);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value as string | string[]);
  if (response.body === undefined) {
    res.statusCode = response.status;
    res.end();
    return;
  }
  const payload =
    response.contentType === undefined ? JSON.stringify(response.body) : (response.body as string | Buffer);
  res.statusCode = response.status;
  res.setHeader('Content-Type', response.contentType ?? 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  res.end(payload);
}
