import { createHash } from 'node:crypto';
import { appError, validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, map, type Result } from '../../kernel/result.ts';
import { sniffImageType } from '../domain/image-type.ts';
import type { ImageStore } from '../ports/image-store.port.ts';

export interface UploadImageDeps {
  readonly store: ImageStore;
  readonly maxBytes: number;
}

/**
 * §2.5: an image of a web format, by its bytes, stored under its content hash. The size is checked while the
 * upload streams in; it is checked again here so that no path can store more than the limit.
 */
export async function uploadImage(deps: UploadImageDeps, bytes: Uint8Array): Promise<Result<{ url: string }, AppError>> {
  if (bytes.length === 0) return err(validationFailed('the image is empty'));
  if (bytes.length > deps.maxBytes) return err(appError('PAYLOAD_TOO_LARGE', `the image is larger than ${deps.maxBytes} bytes`));
  const type = sniffImageType(bytes);
  if (type === null) return err(appError('UNSUPPORTED_MEDIA_TYPE', 'only PNG, JPEG, GIF, WebP and AVIF images are accepted'));
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${type.extension}`;
  return map(await deps.store.save({ name, bytes, contentType: type.contentType }), (url) => ({ url }));
}
