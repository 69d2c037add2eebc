import { ok } from '../../shared/kernel/result.ts';
import { json } from '../../shared/platform/http/http-exchange.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';
import type { PlatformFunction } from './host-functions.ts';

const manifest = {
  name: 'test-show-caller',
  description: 'test fixture',
  trigger: {
    kind: 'http',
    routes: {
      whoami: { method: 'GET', path: '/api/v1/test/whoami', access: 'authenticated', summary: 'the caller' },
      adminOnly: { method: 'GET', path: '/api/v1/test/admin', access: 'admin', summary: 'ADMIN only' },
    },
  },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: {},
} as const satisfies FunctionManifest<HttpTrigger>;

/** A stand-in for any other function: one route for signed-in callers, one for ADMIN, each answering the caller's identity. */
export const showCaller: PlatformFunction = {
  manifest,
  async start({ logger, env }) {
    const answerIdentity = async (request: { identity: unknown }) => ok(json(200, request.identity));
    registerHttpFunction(manifest, { whoami: answerIdentity, adminOnly: answerIdentity }, { logger, identify: identifyFromEnv(env) });
    return { name: manifest.name, close: async () => {} };
  },
};
