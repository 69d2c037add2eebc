import type { IncomingMessage } from 'node:http';
import { appError, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';

export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a request body up to a limit, counting bytes as they arrive: an oversized upload is refused at the first
 * byte past the limit, never buffered whole.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Result<Buffer, AppError>> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const tooLarge = appError('PAYLOAD_TOO_LARGE', `request body is larger than ${limit} bytes`);
  if (declared > limit) {
    request.resume();
    return Promise.resolve(err(tooLarge));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        resolve(err(tooLarge));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(ok(Buffer.concat(chunks, size))));
    request.once('error', reject);
  });
}

export function isJson(request: IncomingMessage): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(request.headers['content-type'] ?? '');
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
