import { Type } from '@sinclair/typebox';
import { authSettings } from '../../shared/auth/adapters/auth-settings.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger, type RouteSpec } from '../../shared/platform/runtime/manifest.ts';

/** The auth routes of contract §1.6. */
export const authRoutes = {
  authorizationUrl: { method: 'GET', path: '/api/v1/auth/{provider}/url', access: 'public', summary: "The provider's authorization URL; sets the short-lived PKCE cookie" },
  login: {
    method: 'POST',
    path: '/api/v1/auth/{provider}/login',
    access: 'public',
    summary: 'Exchanges the authorization code; answers LoginInfo and sets the access and refresh cookies',
    body: Type.Object({ code: Type.Optional(Type.String()) }),
  },
  refresh: { method: 'POST', path: '/api/v1/auth/refresh', access: 'public', summary: 'Rotates the refresh cookie; answers LoginInfo with both cookies replaced' },
  logout: { method: 'POST', path: '/api/v1/auth/logout', access: 'public', summary: 'Revokes the session and clears both cookies; always 200' },
} as const satisfies Readonly<Record<string, RouteSpec>>;

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
