import type { TSchema } from '@sinclair/typebox';
import type { FunctionManifest, RouteSpec } from '../runtime/manifest.ts';
import { errorCodes } from '../../kernel/app-error.ts';

const errorBody = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string', enum: [...errorCodes] }, message: { type: 'string' } },
};

function queryParameters(schema: TSchema | undefined): object[] {
  const properties = (schema?.properties ?? {}) as Record<string, TSchema>;
  const required = new Set<string>((schema?.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.has(name), schema: property }));
}

function operation(functionName: string, route: RouteSpec): object {
  const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  return {
    summary: route.summary,
    tags: [functionName],
    'x-pilog-access': route.access,
    parameters: [...pathParameters, ...queryParameters(route.query)],
    ...(route.body ? { requestBody: { content: { 'application/json': { schema: route.body } } } } : {}),
    responses: { default: { description: 'error', content: { 'application/json': { schema: errorBody } } } },
  };
}

/** OpenAPI 3.1 (JSON Schema 2020-12 bodies) straight from the manifests' route schemas. */
export function openApiDocument(manifests: readonly FunctionManifest[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const manifest of manifests) {
    if (manifest.trigger.kind !== 'http') continue;
    for (const route of Object.values(manifest.trigger.routes)) {
      (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(manifest.name, route);
    }
  }
  return { openapi: '3.1.0', info: { title: 'pilog API', version: '1' }, paths };
}
