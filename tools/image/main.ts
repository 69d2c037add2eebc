import { fileURLToPath } from 'node:url';
import { buildImageArtifact, treeBytes } from './build-artifact.ts';
import { warmCompileCache } from './warm-compile-cache.ts';

/**
 * `npm run build:image-artifact [-- <out dir> [<node_modules to take runtime packages from>]]`: what the image's
 * runtime stage copies. Defaults: dist/image, and this repository's node_modules.
 */
const [outDir = fileURLToPath(new URL('../../dist/image', import.meta.url)), nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url))] =
  process.argv.slice(2);
const artifact = await buildImageArtifact({ outDir, nodeModules });
// The Dockerfile warms the cache again on the target platform; this one serves local runs of dist/image.
await warmCompileCache(outDir);
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
for (const bundle of [...artifact.bundles, ...artifact.tools]) process.stderr.write(`  ${bundle.functionName.padEnd(28)} ${kib(bundle.bytes).padStart(9)}  ${bundle.inputs.length} modules\n`);
process.stderr.write(`  runtime packages: ${artifact.packages.join(', ')}\n`);
process.stderr.write(`wrote ${artifact.dir} (${kib(treeBytes(artifact.dir))})\n`);
