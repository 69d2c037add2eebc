import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expectedFiles, repoRoot, staleFiles } from './expected-files.ts';

/** `npm run manifests`: rewrites every generated deployment file from the function manifests. */
const files = expectedFiles();
for (const stale of staleFiles(files)) {
  rmSync(join(repoRoot, stale));
  process.stderr.write(`removed ${stale}\n`);
}
for (const [path, content] of files) {
  mkdirSync(dirname(join(repoRoot, path)), { recursive: true });
  writeFileSync(join(repoRoot, path), content);
}
process.stderr.write(`wrote ${files.size} files\n`);
