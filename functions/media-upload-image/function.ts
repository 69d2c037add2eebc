import { mediaSettings } from '../../shared/media/adapters/media-settings.ts';
import { identifySettings } from '../../shared/platform/http/identify.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';
import { mediaRoutes } from './routes.ts';

export const manifest = {
  name: 'media-upload-image',
  description: 'Image uploads: sniffed web formats, named by content hash, stored in a GitHub repository (or a local directory)',
  trigger: { kind: 'http', routes: mediaRoutes },
  // An upload is held in memory whole (the edge reads it, the store sends it base64): few at once per instance.
  scaling: { ...defaultScaling, concurrency: 4, timeoutSeconds: 60 },
  resources: { ...defaultResources, memoryLimit: '256Mi' },
  settings: { ...identifySettings, ...mediaSettings },
} as const satisfies FunctionManifest<HttpTrigger>;
