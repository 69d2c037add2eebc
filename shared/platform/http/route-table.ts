import type { HttpMethod, RouteSpec } from '../runtime/manifest.ts';

interface CompiledRoute<K> {
  readonly key: K;
  readonly method: HttpMethod;
  readonly segments: readonly string[];
  readonly specificity: number;
}

export type RouteMatch<K> =
  | { readonly kind: 'found'; readonly key: K; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly HttpMethod[] };

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

export const pathSegments = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

/**
 * Matches raw (still percent-encoded) paths against `{param}` patterns. Literal segments beat parameters, so
 * `/api/v1/articles/simple` wins over `/api/v1/articles/{articleId}` (contract §1.1). Parameters are
 * returned raw: decoding is the caller's, so an encoded `/` cannot split a segment.
 */
export function createRouteTable<K>(routes: Iterable<readonly [K, Pick<RouteSpec, 'method' | 'path'>]>) {
  const compiled: CompiledRoute<K>[] = [];
  for (const [key, route] of routes) {
    const segments = pathSegments(route.path);
    const specificity = segments.reduce((score, segment, i) => score + (isParam(segment) ? 0 : 2 ** (32 - i)), 0);
    compiled.push({ key, method: route.method, segments, specificity });
  }
  compiled.sort((a, b) => b.specificity - a.specificity);

  const matchSegments = (pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined => {
    if (pattern.length !== actual.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
      const expected = pattern[i] as string;
      const segment = actual[i] as string;
      if (isParam(expected)) params[expected.slice(1, -1)] = segment;
      else if (expected !== segment) return undefined;
    }
    return params;
  };

  return {
    match(method: string, rawPath: string): RouteMatch<K> {
      const actual = pathSegments(rawPath);
      const allowed: HttpMethod[] = [];
      let shapeMatched: readonly string[] | undefined;
      for (const route of compiled) {
        const params = matchSegments(route.segments, actual);
        if (!params) continue;
        // Only routes of the most specific matching shape count: `/articles/simple` must not answer 405
        // because `/articles/{id}` takes PATCH.
        if (shapeMatched && shapeMatched !== route.segments && route.segments.join('/') !== shapeMatched.join('/')) continue;
        shapeMatched = route.segments;
        if (route.method === method) return { kind: 'found', key: route.key, params };
        allowed.push(route.method);
      }
      return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
    },
  };
}
