import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * OpenTelemetry's packages ship CommonJS (`main`) and ES module (`module`) builds; for the node platform esbuild
 * takes `main`, unless a package's `exports` says otherwise. A CommonJS package is bundled whole and evaluated
 * through esbuild's wrappers, so the SDK carried all of `@opentelemetry/semantic-conventions` (84 KB of constants)
 * and every detector of `@opentelemetry/resources`. The ES module builds, declared free of side effects, are
 * tree-shaken to what pilog calls. Packages with an `exports` map keep esbuild's own resolution (it already picks
 * their ES module condition).
 */
export function openTelemetryEsmBuilds(): Plugin {
  return {
    name: 'open-telemetry-esm-builds',
    setup(build) {
      build.onResolve({ filter: /^@opentelemetry\/[^/]+$/ }, (args) => {
        const manifestPath = packageManifest(args.path, args.resolveDir);
        if (manifestPath === undefined) return undefined;
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { module?: string; exports?: unknown };
        return manifest.exports === undefined && manifest.module !== undefined ? { path: join(dirname(manifestPath), manifest.module) } : undefined;
      });
    },
  };
}

/** The package.json Node's lookup would find `name` in from `resolveDir` (read directly: an `exports` map may not export it). */
function packageManifest(name: string, resolveDir: string): string | undefined {
  const lookupDirs = createRequire(join(resolveDir, 'importer.js')).resolve.paths(name) ?? [];
  return lookupDirs.map((dir) => join(dir, name, 'package.json')).find((path) => existsSync(path));
}
