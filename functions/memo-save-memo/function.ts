import { memoSettings } from '../../shared/memo/adapters/memo-settings.ts';
import { identifySettings } from '../../shared/platform/http/identify.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';
import { memoRoutes } from './routes.ts';

export const manifest = {
  name: 'memo-save-memo',
  description: "The owner's private memos and folders: tree, search, link suggestions, backlinks, moves, order, limits",
  trigger: { kind: 'http', routes: memoRoutes },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: { ...memoSettings, ...identifySettings },
} as const satisfies FunctionManifest<HttpTrigger>;
