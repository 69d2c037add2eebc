import type { FunctionManifest } from '../runtime/manifest.ts';
import type { EdgeRoute } from './edge.ts';

/** Every HTTP route of the given functions, labelled with the function that serves it. */
export function edgeRoutes(manifests: readonly FunctionManifest[]): EdgeRoute[] {
  return manifests.flatMap((manifest) =>
    manifest.trigger.kind === 'http'
      ? Object.entries(manifest.trigger.routes).map(([routeKey, spec]) => ({ functionName: manifest.name, routeKey, spec }))
      : [],
  );
}
