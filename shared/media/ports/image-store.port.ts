import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';

export interface StoredImage {
  /** `<content hash>.<extension>`: the same bytes always get the same name, so storing them again changes nothing. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/**
 * Where uploaded images live and the public URL they load from. Storing a name that is already there succeeds with
 * the same URL. A store that is down or rate-limiting answers `UPSTREAM_UNAVAILABLE`, with a wait when it said one.
 */
export interface ImageStore {
  save(image: StoredImage): Promise<Result<string, AppError>>;
}
