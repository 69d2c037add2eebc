import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { AppError } from '../../kernel/app-error.ts';
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
