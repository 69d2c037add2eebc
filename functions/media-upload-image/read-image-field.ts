import type { IncomingHttpHeaders } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import busboy from 'busboy';
import { appError, validationFailed, type AppError } from '../../shared/kernel/app-error.ts';
import { err, ok, type Result } from '../../shared/kernel/result.ts';
import { BodyTooLargeError } from '../../shared/platform/http/read-body.ts';

export const IMAGE_FIELD = 'image';

/**
 * The bytes of the multipart file field `image`, parsed by busboy as the body streams through it. The file may
 * not exceed `maxBytes`: at the first byte past it parsing stops with 413, so nothing beyond the limit is kept,
 * and a body past the route's limit fails the stream with 413 too. Other fields and files are skipped; a body
 * that is not multipart, is malformed, is cut short or lacks the field is a 400.
 */
export function readImageField(headers: IncomingHttpHeaders, body: Readable, maxBytes: number): Promise<Result<Uint8Array, AppError>> {
  let parser: busboy.Busboy;
  try {
    // busboy signals `limit` on reaching fileSize, so one byte past the maximum is what proves a file too large.
    parser = busboy({ headers, limits: { fileSize: maxBytes + 1, fields: 20, parts: 30, headerPairs: 50 } });
  } catch {
    return Promise.resolve(err(validationFailed(`the body must be multipart/form-data with a file field "${IMAGE_FIELD}"`)));
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<Uint8Array, AppError>): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let image: Buffer[] | undefined;
    const malformed = (): void => settle(err(validationFailed('the multipart body is malformed')));
    parser.on('file', (name, stream) => {
      // A part cut short fails its own stream as well as the parser.
      stream.on('error', malformed);
      if (name !== IMAGE_FIELD || image !== undefined) return void stream.resume();
      const chunks: Buffer[] = [];
      image = chunks;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        chunks.length = 0;
        settle(err(appError('PAYLOAD_TOO_LARGE', `the image is larger than ${maxBytes} bytes`)));
      });
    });
    parser.on('error', malformed);
    parser.on('close', () => settle(image === undefined ? err(validationFailed(`the file field "${IMAGE_FIELD}" is missing`)) : ok(new Uint8Array(Buffer.concat(image)))));
    pipeline(body, parser, (error) => {
      if (error instanceof BodyTooLargeError) settle(err(error.appError));
      else if (error) malformed();
    });
  });
}
