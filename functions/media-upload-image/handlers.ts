import { uploadImage, type UploadImageDeps } from '../../shared/media/application/upload-image.ts';
import { andThen } from '../../shared/kernel/result.ts';
import { answer } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import { readImageField } from './read-image-field.ts';
import type { mediaRoutes } from './function.ts';

/** HTTP ↔ upload (contract §1.5): 201 with the image's URL as Location and in the body. */
export function mediaHandlers(deps: UploadImageDeps): RouteHandlers<typeof mediaRoutes> {
  return {
    uploadImage: async (request) => {
      const bytes = await readImageField(request.headers, request.bodyStream, deps.maxBytes);
      const uploaded = await andThen(bytes, (image) => uploadImage(deps, image));
      return answer(uploaded, 201, ({ url }) => ({ url }), ({ url }) => ({ Location: url, 'Cache-Control': 'no-store' }));
    },
  };
}
