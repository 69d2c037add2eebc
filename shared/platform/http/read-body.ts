import type { IncomingMessage } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { appError, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { BodyKind } from '../runtime/manifest.ts';

export const JSON_BODY_LIMIT = 1024 * 1024;

const tooLarge = (limit: number): AppError => appError('PAYLOAD_TOO_LARGE', `request body is larger than ${limit} bytes`);

/** What `byteLimit` fails with; `appError` is the answer to give. */
export class BodyTooLargeError extends Error {
  readonly appError: AppError;
  constructor(limit: number) {
    super(tooLarge(limit).message);
    this.appError = tooLarge(limit);
  }
}

/** 413 from the declared length alone, before a byte of the body is read. */
export function declaredTooLarge(request: IncomingMessage, limit: number): AppError | undefined {
  return Number(request.headers['content-length'] ?? 0) > limit ? tooLarge(limit) : undefined;
}

const hasBody = (request: IncomingMessage): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

const contentTypes: Readonly<Record<BodyKind, RegExp>> = {
  json: /^application\/([\w.+-]+\+)?json\s*(;|$)/i,
  // SockJS clients send their frames as text/plain, some as JSON, some with no type at all.
  text: /^(text\/plain|application\/json)\s*(;|$)|^$/i,
  multipart: /^multipart\/form-data\s*;/i,
};

/** 415 for a body the route does not take; an empty body passes whatever its declared type (§0.2). */
export function unacceptedContentType(request: IncomingMessage, accepts: BodyKind): AppError | undefined {
  if (!hasBody(request) || contentTypes[accepts].test((request.headers['content-type'] ?? '').trim())) return undefined;
  return appError('UNSUPPORTED_MEDIA_TYPE', `this route takes ${accepts === 'multipart' ? 'multipart/form-data' : accepts === 'json' ? 'application/json' : 'text/plain'} bodies`);
}

/** The body functions-framework's own server has read already (its parser keeps the bytes); undefined elsewhere. */
function readByFramework(request: IncomingMessage): Buffer | undefined {
  const { rawBody } = request as { rawBody?: unknown };
  return Buffer.isBuffer(rawBody) ? rawBody : undefined;
}

/** The request's body as a stream: the request itself, or what functions-framework's server has read of it. */
export const bodySource = (request: IncomingMessage): Readable => {
  const read = readByFramework(request);
  return read ? Readable.from([read]) : request;
};

/**
 * Reads a request body up to a limit, counting bytes as they arrive: an oversized body is refused at the first
 * byte past the limit, never buffered whole. A body cut short (the client went away, a malformed chunk) is a
 * 400 answered to nobody, never a rejection.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Result<Buffer, AppError>> {
  const read = readByFramework(request);
  if (read) return Promise.resolve(read.length > limit ? err(tooLarge(limit)) : ok(read));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Result<Buffer, AppError>): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // The answer closes the connection rather than reading the rest (unread-body.ts).
      request.pause();
      finish(err(tooLarge(limit)));
    };
    const onEnd = (): void => finish(ok(Buffer.concat(chunks, size)));
    const onClose = (): void => finish(err(appError('VALIDATION_FAILED', 'the request body was cut short')));
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('close', onClose);
    // Listening makes an aborted request emit `error`; `close` follows and settles.
    request.once('error', () => {});
  });
}

/** A pass-through that fails with 413 at the first byte past `limit`: uploads stream through it, never buffered. */
export function byteLimit(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) return callback(new BodyTooLargeError(limit));
      callback(null, chunk);
    },
  });
}

/** An empty body counts as no body, even when sent as `application/json` (§0.2). */
export function parseJsonBody(raw: Buffer): Result<unknown, AppError> {
  if (raw.length === 0 || raw.toString('utf8').trim() === '') return ok(undefined);
  try {
    return ok(JSON.parse(raw.toString('utf8')) as unknown);
  } catch {
    return err(appError('VALIDATION_FAILED', 'request body is not valid JSON'));
  }
}
