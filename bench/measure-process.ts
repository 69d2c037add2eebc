import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

export interface ProcessSample {
  /** Spawn to the first 2xx response, in milliseconds. */
  readonly firstResponseMs: number;
  /** Resident set size right after that response, in MiB. */
  readonly rssMiB: number;
  /**
   * CPU time (user + system) the process used until then, in milliseconds: unlike the wall time, it hardly moves
   * with the load other processes put on the machine.
   */
  readonly cpuMs: number;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** utime + stime from /proc/<pid>/stat (fields 14 and 15), in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
export async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export interface MeasureOptions {
  readonly args?: readonly string[];
  /**
   * For a process that accepts connections before it answers them (the dev host listens first): give up on an
   * unanswered request after this long and ask again. Unset, a request waits for its answer.
   */
  readonly retryUnansweredMs?: number;
}

/**
 * Processes being measured: an interrupted bench (Ctrl-C, SIGTERM) stops them too, so none is left serving, or
 * consuming the shared Kafka groups, as an orphan (one stole the dev host's partitions from a later test run).
 */
const measuring = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of measuring) child.kill('SIGKILL');
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/** Spawns `node script ...args`, polls `path` until it answers 2xx, samples memory, then stops the process. */
export async function measureProcess(script: string, path: string, env: Record<string, string> = {}, options: MeasureOptions = {}): Promise<ProcessSample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...(options.args ?? [])], { env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  measuring.add(child);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
      try {
        const signal = options.retryUnansweredMs === undefined ? null : AbortSignal.timeout(options.retryUnansweredMs);
        const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal });
        await response.arrayBuffer();
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const firstResponseMs = performance.now() - started;
    const pid = child.pid as number;
    return { firstResponseMs, rssMiB: await rssOf(pid), cpuMs: await cpuMsOf(pid) };
  } finally {
    child.kill('SIGKILL');
    measuring.delete(child);
  }
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** The median of each figure over a target's samples. */
export const medianSample = (samples: readonly ProcessSample[]): ProcessSample => ({
  firstResponseMs: median(samples.map((s) => s.firstResponseMs)),
  rssMiB: median(samples.map((s) => s.rssMiB)),
  cpuMs: median(samples.map((s) => s.cpuMs)),
});

/**
 * Measures every target once to warm the file cache, then `runs` rounds of all targets in turn (interleaved, so all
 * see the same machine load): each target's samples by name.
 */
export async function measureInterleaved<T extends { readonly name: string }>(targets: readonly T[], runs: number, measure: (target: T) => Promise<ProcessSample>): Promise<Map<string, ProcessSample[]>> {
  const samples = new Map<string, ProcessSample[]>(targets.map((target) => [target.name, []]));
  for (const target of targets) await measure(target);
  for (let i = 0; i < runs; i++) {
    for (const target of targets) samples.get(target.name)?.push(await measure(target));
    process.stderr.write(`\r[bench] run ${i + 1}/${runs}`);
  }
  process.stderr.write('\n');
  return samples;
}
