import { mediaSettings, uploadBodyLimit } from '../../shared/media/adapters/media-settings.ts';
import { identifySettings } from '../../shared/platform/http/identify.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger, type RouteSpec } from '../../shared/platform/runtime/manifest.ts';

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

export const manifest = {
  name: 'media-upload-image',
  description: 'Image uploads: sniffed web formats, named by content hash, stored in a GitHub repository (or a local directory)',
  trigger: { kind: 'http', routes: mediaRoutes },
  // An upload is held in memory whole (the edge reads it, the store sends it base64): few at once per instance.
  scaling: { ...defaultScaling, concurrency: 4, timeoutSeconds: 60 },
  resources: { ...defaultResources, memoryLimit: '256Mi' },
  settings: { ...identifySettings, ...mediaSettings },
} as const satisfies FunctionManifest<HttpTrigger>;
