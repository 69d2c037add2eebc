import { fileURLToPath } from 'node:url';
import { measureProcess, median, type ProcessSample } from './measure-process.ts';

/**
 * Cold start of one function process against a bare Node HTTP server, measured in the same run and interleaved
 * so both see the same machine load. Usage: npm run bench:cold-start [-- <function> <path> <runs>]
 */
const [fn = 'docs-serve-api', path = '/api/docs/openapi.json', runsArg = '15'] = process.argv.slice(2);
const runs = Number(runsArg);
const bare = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const entry = fileURLToPath(new URL('../shared/platform/runtime/serve-function.ts', import.meta.url));

const baseline: ProcessSample[] = [];
const target: ProcessSample[] = [];
await measureProcess(bare, '/'); // warm the file system cache for both
await measureProcess(entry, path, { FUNCTION_TARGET: fn });
for (let i = 0; i < runs; i++) {
  baseline.push(await measureProcess(bare, '/'));
  target.push(await measureProcess(entry, path, { FUNCTION_TARGET: fn, PILOG_LOG_LEVEL: 'warn' }));
  process.stderr.write(`\r[bench] run ${i + 1}/${runs}`);
}
process.stderr.write('\n');

const summary = (samples: ProcessSample[]) => ({
  firstResponseMs: median(samples.map((s) => s.firstResponseMs)),
  rssMiB: median(samples.map((s) => s.rssMiB)),
});
const b = summary(baseline);
const t = summary(target);
const row = (name: string, s: { firstResponseMs: number; rssMiB: number }) =>
  `| ${name.padEnd(28)} | ${s.firstResponseMs.toFixed(1).padStart(8)} | ${s.rssMiB.toFixed(1).padStart(8)} |`;
console.log(`cold start, median of ${runs} runs, Node ${process.version}`);
console.log('| process                      | first ms | RSS MiB  |');
console.log('|------------------------------|----------|----------|');
console.log(row('bare node:http server', b));
console.log(row(fn, t));
console.log(`ratio (function / bare): cold start ${(t.firstResponseMs / b.firstResponseMs).toFixed(2)}x, memory ${(t.rssMiB / b.rssMiB).toFixed(2)}x`);
