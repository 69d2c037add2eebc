import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';

export const manifest = {
  name: 'docs-serve-api',
  description: 'Serves the OpenAPI description of every HTTP route, generated from the same schemas the edge enforces',
  trigger: {
    kind: 'http',
    routes: {
      openApi: { method: 'GET', path: '/api/docs/openapi.json', access: 'public', summary: 'OpenAPI 3.1 document of the pilog API' },
    },
  },
  scaling: { ...defaultScaling, maxScale: 1 },
  resources: defaultResources,
  settings: {},
} as const satisfies FunctionManifest<HttpTrigger>;
