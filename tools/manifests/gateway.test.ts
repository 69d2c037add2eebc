import { describe, expect, it } from 'vitest';
import type { FunctionManifest, HttpMethod, RouteSpec } from '../../shared/platform/runtime/manifest.ts';
import { defaultResources, defaultScaling } from '../../shared/platform/runtime/manifest.ts';
import { cluster } from './cluster.ts';
import { fallbackFunction, gatewayObjects } from './gateway.ts';
import { routeFor, type IngressRouteRule } from './testing/traefik-rule.ts';

const httpFunction = (name: string, routes: ReadonlyArray<readonly [HttpMethod, string]>): FunctionManifest => ({
  name,
  description: name,
  trigger: {
    kind: 'http',
    routes: Object.fromEntries(routes.map(([method, path], i): [string, RouteSpec] => [`r${i}`, { method, path, access: 'public', summary: '' }])),
  },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: {},
});

// The contract's article routes split over two functions (§1.1), the realtime channel and the fallback.
const registry = [
  httpFunction(fallbackFunction, [['GET', '/api/docs/openapi.json']]),
  httpFunction('blog-read-articles', [
    ['GET', '/api/v1/articles/simple'],
    ['GET', '/api/v1/articles/{articleId}'],
    ['GET', '/api/v1/tags/top'],
  ]),
  httpFunction('blog-publish-post', [
    ['POST', '/api/v1/articles'],
    ['PATCH', '/api/v1/articles/{articleId}'],
    ['DELETE', '/api/v1/articles/{articleId}'],
    ['PUT', '/api/v1/articles/{articleId}/draft'],
    ['POST', '/api/v1/articles/{articleId}/tags'],
    ['DELETE', '/api/v1/articles/{articleId}/tags/{tagName}'],
  ]),
  httpFunction('realtime-autosave', [['GET', '/ws/info']]),
];

const objects = gatewayObjects(registry);
const rules = (objects.find((o) => o.kind === 'IngressRoute') as unknown as { spec: { routes: IngressRouteRule[] } }).spec.routes;
const to = (method: string, path: string): string | undefined => {
  const rule = routeFor(rules, { host: cluster.publicHost, method, path });
  const middleware = objects.find((o) => o.kind === 'Middleware' && o.metadata.name === rule?.middlewares[0]?.name) as unknown as
    | { spec: { headers: { customRequestHeaders: { Host: string } } } }
    | undefined;
  return middleware?.spec.headers.customRequestHeaders.Host.split('.')[0];
};

describe('gateway routing', () => {
  it('sends the literal /api/v1/articles/simple to the reader, never to the {articleId} route', () => {
    expect(to('GET', '/api/v1/articles/simple')).toBe('blog-read-articles');
    expect(to('PATCH', '/api/v1/articles/simple')).toBe('blog-read-articles'); // its edge answers 405
  });

  it('routes a shared path by method: GET reads, PATCH and DELETE write', () => {
    expect(to('GET', '/api/v1/articles/42')).toBe('blog-read-articles');
    expect(to('PATCH', '/api/v1/articles/42')).toBe('blog-publish-post');
    expect(to('DELETE', '/api/v1/articles/42')).toBe('blog-publish-post');
    expect(to('POST', '/api/v1/articles')).toBe('blog-publish-post');
    expect(to('DELETE', '/api/v1/articles/42/tags/kotlin')).toBe('blog-publish-post');
  });

  it('gives preflights and undeclared methods on a shared path to one owner, whose edge answers 204 or 405', () => {
    expect(to('OPTIONS', '/api/v1/articles/42')).toBe('blog-read-articles');
    expect(to('PUT', '/api/v1/articles/42')).toBe('blog-read-articles');
    expect(to('OPTIONS', '/api/v1/articles')).toBe('blog-publish-post');
  });

  it('sends /ws and everything below it to realtime-autosave, not look-alikes', () => {
    expect(to('GET', '/ws')).toBe('realtime-autosave');
    expect(to('GET', '/ws/info')).toBe('realtime-autosave');
    expect(to('GET', '/ws/123/abcdef/websocket')).toBe('realtime-autosave');
    expect(to('POST', '/ws/123/abcdef/xhr_send')).toBe('realtime-autosave');
    expect(to('GET', '/wsx')).toBe(fallbackFunction);
  });

  it('answers /api/ai/** and unknown paths through the fallback function (its edge: 404 JSON with CORS)', () => {
    expect(to('POST', '/api/ai/chat')).toBe(fallbackFunction);
    expect(to('GET', '/api/ai/anything/deeper')).toBe(fallbackFunction);
    expect(to('GET', '/api/v1/articles/42/extra/segments')).toBe(fallbackFunction);
    expect(to('GET', '/api/v1/articles/simple/')).toBe(fallbackFunction);
  });

  it('leaves /ws out while realtime-autosave is not registered', () => {
    const withoutRealtime = gatewayObjects(registry.filter((m) => m.name !== 'realtime-autosave'));
    const routes = (withoutRealtime.find((o) => o.kind === 'IngressRoute') as unknown as { spec: { routes: IngressRouteRule[] } }).spec.routes;
    expect(routes.some((r) => r.match.includes('/ws'))).toBe(false);
  });

  it('refuses a registry without the fallback function', () => {
    expect(() => gatewayObjects(registry.filter((m) => m.name !== fallbackFunction))).toThrow(/fallback/);
  });
});
