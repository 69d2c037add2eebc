import type { FunctionManifest, HttpMethod } from '../../shared/platform/runtime/manifest.ts';
import { pathSegments } from '../../shared/platform/http/route-table.ts';
import { cluster } from './cluster.ts';
import { labelsOf, type KubeObject } from './knative-service.ts';

/**
 * The public gateway: k3s's Traefik matches the host, path and (where two functions share a path) method, rewrites
 * the Host header to the function's cluster-local Knative host, and hands the request to Kourier's internal
 * gateway, which routes by that Host to the function's revision (and through the activator when it is at zero).
 *
 * A path served by one function is routed by path alone, so that function's edge answers wrong methods with its
 * own 405 and preflights with CORS. Where functions share a path shape, each declared method goes to its owner and
 * everything else (OPTIONS preflights, undeclared methods) to the first owner, whose edge answers 204 or 405.
 * Anything else on the host goes to the fallback function, whose edge answers 404 with the JSON error body —
 * `/api/ai/**` included (contract §0.1).
 */

/** A function whose edge answers 404/405 JSON with CORS for paths it does not own: public, stateless, always present. */
export const fallbackFunction = 'docs-serve-api';

/** SockJS picks its own sub-paths under `/ws` (`/ws/info`, `/ws/<server>/<session>/websocket`): routed by prefix. */
export const prefixRoutes: ReadonlyArray<{ readonly prefix: string; readonly functionName: string }> = [{ prefix: '/ws', functionName: 'realtime-autosave' }];

export interface GatewayRoute {
  readonly functionName: string;
  /** Undefined: any method. */
  readonly methods: readonly HttpMethod[] | undefined;
  readonly path: { readonly kind: 'exact' | 'pattern'; readonly value: string } | { readonly kind: 'prefix'; readonly value: string } | { readonly kind: 'any' };
  readonly priority: number;
}

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');
const shapeOf = (path: string): string => pathSegments(path).map((segment) => (isParam(segment) ? '{}' : segment)).join('/');

/** Literal segments beat parameters, earlier segments weigh more: the order of shared/platform/http/route-table.ts. */
const specificity = (shape: string): number =>
  shape.split('/').reduce((score, segment, i) => score + (segment === '{}' ? 0 : 2 ** Math.max(0, 20 - i)), 0);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/api/v1/articles/{articleId}` → `^/api/v1/articles/[^/]+$`. */
export const pathRegExp = (path: string): string =>
  `^/${pathSegments(path).map((segment) => (isParam(segment) ? '[^/]+' : escapeRegExp(segment))).join('/')}$`;

/** The gateway's route table, derived from the manifests alone. */
export function gatewayRoutes(manifests: readonly FunctionManifest[]): GatewayRoute[] {
  const byShape = new Map<string, { path: string; owners: Map<string, Set<HttpMethod>> }>();
  for (const manifest of manifests) {
    if (manifest.trigger.kind !== 'http') continue;
    for (const route of Object.values(manifest.trigger.routes)) {
      const shape = shapeOf(route.path);
      const entry = byShape.get(shape) ?? { path: route.path, owners: new Map<string, Set<HttpMethod>>() };
      byShape.set(shape, entry);
      const methods = entry.owners.get(manifest.name) ?? new Set<HttpMethod>();
      entry.owners.set(manifest.name, methods);
      methods.add(route.method);
    }
  }
  const routes: GatewayRoute[] = [];
  for (const [shape, { path, owners }] of [...byShape.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const kind = shape.includes('{}') ? 'pattern' : 'exact';
    const base = specificity(shape) * 2;
    const [first] = owners.keys();
    if (owners.size > 1) {
      for (const [functionName, methods] of owners) {
        routes.push({ functionName, methods: [...methods].sort(), path: { kind, value: path }, priority: base + 1 });
      }
    }
    routes.push({ functionName: first as string, methods: undefined, path: { kind, value: path }, priority: base });
  }
  const registered = new Set(manifests.map((manifest) => manifest.name));
  for (const { prefix, functionName } of prefixRoutes) {
    if (registered.has(functionName)) routes.push({ functionName, methods: undefined, path: { kind: 'prefix', value: prefix }, priority: 2 });
  }
  if (!registered.has(fallbackFunction)) throw new Error(`the gateway's fallback function ${fallbackFunction} is not in the registry`);
  routes.push({ functionName: fallbackFunction, methods: undefined, path: { kind: 'any' }, priority: 1 });
  return routes;
}

const quoted = (text: string): string => `\`${text}\``;

/** The Traefik v3 rule of a gateway route. */
export function traefikRule(route: GatewayRoute, host: string): string {
  const parts = [`Host(${quoted(host)})`];
  if (route.methods) parts.push(route.methods.length === 1 ? `Method(${quoted(route.methods[0] as string)})` : `(${route.methods.map((m) => `Method(${quoted(m)})`).join(' || ')})`);
  const { path } = route;
  if (path.kind === 'exact') parts.push(`Path(${quoted(path.value)})`);
  if (path.kind === 'pattern') parts.push(`PathRegexp(${quoted(pathRegExp(path.value))})`);
  if (path.kind === 'prefix') parts.push(`(Path(${quoted(path.value)}) || PathPrefix(${quoted(`${path.value}/`)}))`);
  return parts.join(' && ');
}

/** Kourier routes by Host; a cluster-local Knative Service answers to `<name>.<namespace>.svc.cluster.local`. */
export const knativeHost = (functionName: string): string => `${functionName}.${cluster.namespace}.svc.cluster.local`;
export const hostMiddlewareName = (functionName: string): string => `pilog-host-${functionName}`;

/**
 * Traefik objects, in Kourier's namespace so the IngressRoute may point at `kourier-internal` without Traefik's
 * cross-namespace option: one Host-rewriting Middleware per routed function, and the IngressRoute.
 */
export function gatewayObjects(manifests: readonly FunctionManifest[]): KubeObject[] {
  const routes = gatewayRoutes(manifests);
  const routed = [...new Set(routes.map((route) => route.functionName))].sort();
  const middlewares: KubeObject[] = routed.map((functionName) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: { name: hostMiddlewareName(functionName), namespace: cluster.kourier.namespace, labels: labelsOf('pilog-gateway', 'gateway') },
    spec: { headers: { customRequestHeaders: { Host: knativeHost(functionName) } } },
  }));
  const ingressRoute: KubeObject = {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'pilog-gateway', namespace: cluster.kourier.namespace, labels: labelsOf('pilog-gateway', 'gateway') },
    spec: {
      entryPoints: ['websecure'],
      routes: routes.map((route) => ({
        kind: 'Rule',
        match: traefikRule(route, cluster.publicHost),
        priority: route.priority,
        middlewares: [{ name: hostMiddlewareName(route.functionName) }],
        services: [{ kind: 'Service', name: cluster.kourier.internalService, port: cluster.kourier.port }],
      })),
      tls: { secretName: 'pilog-public-tls' },
    },
  };
  return [ingressRoute, ...middlewares];
}
