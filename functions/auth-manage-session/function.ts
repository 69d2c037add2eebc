import { authSettings } from '../../shared/auth/adapters/auth-settings.ts';
import { authRoutes } from './routes.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';

export const manifest = {
  name: 'auth-manage-session',
  description: 'OpenID Connect sign-in (authorization code + PKCE), session cookies with rotating refresh tokens, logout',
  trigger: {
    kind: 'http',
    routes: authRoutes,
  },
  scaling: { ...defaultScaling, maxScale: 2 },
  resources: defaultResources,
  settings: authSettings,
} as const satisfies FunctionManifest<HttpTrigger>;
