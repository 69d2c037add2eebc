import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureProcess, median, type ProcessSample } from './measure-process.ts';

/**
 * Cold start of one function process against a bare Node HTTP server, measured in the same run and interleaved
 * so all see the same machine load: the function from source (.ts under Node's type stripping, as `npm start`
 * runs it) and, when `npm run build:image-artifact` has been run, from the bundle the container image ships.
 * Usage: npm run bench:cold-start [-- <function> <path> <runs>]
 */
const [fn = 'docs-serve-api', path = '/api/docs/openapi.json', runsArg = '15'] = process.argv.slice(2);
const runs = Number(runsArg);
const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const bundle = here('../dist/image/main.mjs');
const env = { FUNCTION_TARGET: fn, PILOG_LOG_LEVEL: 'warn', PILOG_DATA_DIR: here('../data/bench') };

const targets: Array<{ name: string; script: string; path: string; env: Record<string, string> }> = [
  { name: 'bare node:http server', script: here('./bare-server.mjs'), path: '/', env: {} },
  { name: `${fn} (source)`, script: here('../shared/platform/runtime/serve-function.ts'), path, env },
];
if (existsSync(bundle)) targets.push({ name: `${fn} (image bundle)`, script: bundle, path, env });
else process.stderr.write('[bench] no dist/image: run `npm run build:image-artifact` to measure the bundle too\n');

const samples = new Map<string, ProcessSample[]>(targets.map((t) => [t.name, []]));
for (const target of targets) await measureProcess(target.script, target.path, target.env); // warm the file cache
for (let i = 0; i < runs; i++) {
  for (const target of targets) samples.get(target.name)?.push(await measureProcess(target.script, target.path, target.env));
  process.stderr.write(`\r[bench] run ${i + 1}/${runs}`);
}
process.stderr.write('\n');

const summary = (name: string) => {
  const list = samples.get(name) ?? [];
  return { firstResponseMs: median(list.map((s) => s.firstResponseMs)), rssMiB: median(list.map((s) => s.rssMiB)) };
};
const base = summary(targets[0]!.name);
console.log(`cold start (spawn → first 2xx) and RSS after it, median of ${runs} runs, Node ${process.version}`);
console.log('| process | first response ms | RSS MiB | time ratio | memory ratio |');
console.log('|---|---|---|---|---|');
for (const target of targets) {
  const s = summary(target.name);
  console.log(`| ${target.name} | ${s.firstResponseMs.toFixed(1)} | ${s.rssMiB.toFixed(1)} | ${(s.firstResponseMs / base.firstResponseMs).toFixed(2)}x | ${(s.rssMiB / base.rssMiB).toFixed(2)}x |`);
}
