import { uploadBodyLimit } from '../../shared/media/adapters/media-settings.ts';
import type { RouteSpec } from '../../shared/platform/runtime/manifest.ts';

/** The media route of contract §1.5. The body is multipart, so it has no JSON schema; the handler reads it. */
export const mediaRoutes = {
  uploadImage: {
    method: 'POST',
    path: '/api/v1/media/image',
    access: 'authenticated',
    summary: 'Uploads one image (multipart field `image`: PNG, JPEG, GIF, WebP or AVIF by content); 201 with Location and {url}',
    accepts: 'multipart',
    bodyLimit: uploadBodyLimit(),
  },
} as const satisfies Readonly<Record<string, RouteSpec>>;
