import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Fills each function's V8 compile cache (`functions/<name>/compile-cache`, which the launcher enables) by starting
 * the function once from the artifact, in the embedded profile, until it answers /healthz, then stopping it with
 * SIGTERM: Node writes the cache as the process exits, so a cold pod starts from compiled code. Node checks each
 * entry against its version, flags and the source, so a cache from another Node or platform is only ignored; the
 * Dockerfile therefore warms on the target platform. Self-contained (only Node built-ins), for that stage.
 * Usage: node tools/image/warm-compile-cache.ts <artifact dir>
 */
export async function warmCompileCache(artifactDir: string, functionNames: readonly string[] = readdirSync(join(artifactDir, 'functions'))): Promise<void> {
  for (const functionName of functionNames) await warmOne(artifactDir, functionName);
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

async function warmOne(artifactDir: string, functionName: string): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-warm-'));
  const child = spawn(process.execPath, ['main.mjs'], {
    cwd: artifactDir,
    env: { PATH: process.env.PATH, FUNCTION_TARGET: functionName, PORT: String(port), PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, PILOG_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    for (const deadline = Date.now() + 60_000; ; ) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${functionName} did not start to warm its compile cache`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGTERM');
    if ((await exited) !== 0) throw new Error(`${functionName} did not stop cleanly while warming its compile cache`);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const [artifactDir] = process.argv.slice(2);
  if (artifactDir === undefined) throw new Error('usage: node tools/image/warm-compile-cache.ts <artifact dir>');
  await warmCompileCache(artifactDir);
}
