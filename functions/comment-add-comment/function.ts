import { commentSettings } from '../../shared/comment/adapters/comment-settings.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';
import { commentRoutes } from './routes.ts';

export const manifest = {
  name: 'comment-add-comment',
  description: 'Comment trees of published articles; comments by signed-in users or password-holding guests; soft deletion',
  trigger: { kind: 'http', routes: commentRoutes },
  scaling: defaultScaling,
  // argon2id takes 19 MiB per hash on top of the usual heap.
  resources: { ...defaultResources, memoryLimit: '256Mi' },
  settings: commentSettings,
} as const satisfies FunctionManifest<HttpTrigger>;
