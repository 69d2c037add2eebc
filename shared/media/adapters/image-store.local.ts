import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ok } from '../../kernel/result.ts';
import type { ImageStore } from '../ports/image-store.port.ts';

/** Where the dev host serves the local store's files (tools/dev-host). */
export const LOCAL_MEDIA_PATH = '/media/';

/** The local store's directory inside the data dir: the upload function writes there, the dev host reads there. */
export const localMediaDirectory = (dataDir: string): string => join(dataDir, 'media');

/**
 * The embedded profile's store: files in a directory, served by the dev host under `/media/`. A file is written
 * under a temporary name and renamed, so a reader never sees half an image and two equal uploads cannot collide.
 */
export function createLocalImageStore(options: { directory: string; publicApiUrl: string }): ImageStore {
  let ready: Promise<unknown> | undefined;
  return {
    async save(image) {
      await (ready ??= mkdir(options.directory, { recursive: true }));
      const target = join(options.directory, image.name);
      const exists = await access(target).then(
        () => true,
        () => false,
      );
      if (!exists) {
        const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
        try {
          await writeFile(temporary, image.bytes);
          await rename(temporary, target);
        } finally {
          await rm(temporary, { force: true });
        }
      }
      return ok(`${options.publicApiUrl}${LOCAL_MEDIA_PATH}${image.name}`);
    },
  };
}
