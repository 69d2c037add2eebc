import { isBuiltin } from 'node:module';
import type { Plugin } from 'esbuild';

/**
 * The bundles take Node's built-in modules with `process.getBuiltinModule` instead of an ESM `import`. An ESM import
 * of a built-in builds its ESM facade, which reads every export once: for `node:http` that includes the lazy
 * `WebSocket`/`MessageEvent` getters, so merely importing `createServer` loaded undici (Node's fetch), about 70 ms of
 * CPU and 12 MiB on a cold start that never fetches anything. esbuild wraps the CommonJS module it gets for named and
 * default imports alike.
 */
export function builtinsWithoutEsmFacade(): Plugin {
  return {
    name: 'builtins-without-esm-facade',
    setup(build) {
      build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
        args.kind === 'import-statement' && isBuiltin(args.path) ? { path: args.path, namespace: 'node-builtin' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
        contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path.startsWith('node:') ? args.path : `node:${args.path}`)});`,
        loader: 'js',
      }));
    },
  };
}
