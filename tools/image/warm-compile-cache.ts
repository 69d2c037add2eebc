import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Fills each function's V8 compile cache (`functions/<name>/compile-cache`, which the launcher enables) by starting
 * the function from the artifact until it answers /healthz, then stopping it with SIGTERM: Node writes the cache as
 * the process exits, so a cold pod starts from compiled code. Each function starts twice, in the embedded profile
 * and in the services profile (what Knative runs), so the cache also holds the MySQL, Redis, Kafka and OpenSearch
 * client code the services profile loads. No service runs in the image build: the services addresses point at a
 * closed port. Most functions connect on first use and start anyway; one that needs a service to start (a writer
 * leases its worker id in Redis) stops there, and Node still writes what it compiled until then. Node checks each entry
 * against its version, flags and the source, so a cache from another Node or platform is only ignored; the
 * Dockerfile therefore warms on the target platform. Self-contained (only Node built-ins), for that stage.
 * Usage: node tools/image/warm-compile-cache.ts <artifact dir>
 */
export async function warmCompileCache(artifactDir: string, functionNames: readonly string[] = readdirSync(join(artifactDir, 'functions'))): Promise<void> {
  const closedPort = await freePort();
  for (const functionName of functionNames) {
    await warmOne(artifactDir, functionName, { env: { PILOG_PROFILE: 'embedded' }, mayStopAtStart: false });
    await warmOne(artifactDir, functionName, { env: servicesAt(closedPort), mayStopAtStart: true });
  }
}

/** The services profile with every service on a port nothing listens on, and placeholder secrets. */
const servicesAt = (port: number): Record<string, string> => ({
  PILOG_PROFILE: 'services',
  PILOG_MYSQL_URL: `mysql://pilog:warm@127.0.0.1:${port}/pilog`,
  PILOG_REDIS_URL: `redis://127.0.0.1:${port}`,
  PILOG_KAFKA_BROKERS: `127.0.0.1:${port}`,
  PILOG_OPENSEARCH_URL: `http://127.0.0.1:${port}`,
  PILOG_JWT_SECRET: 'compile-cache-warm-up-placeholder-secret',
  PILOG_PUBLIC_API_URL: 'http://127.0.0.1:8080',
  PILOG_GITHUB_REPOSITORY: 'pilog/images',
  PILOG_GITHUB_TOKEN: 'compile-cache-warm-up-placeholder',
  PILOG_OIDC_CLIENT_ID: 'compile-cache-warm-up-placeholder',
  PILOG_OIDC_CLIENT_SECRET: 'compile-cache-warm-up-placeholder',
});

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

interface WarmRun {
  readonly env: Record<string, string>;
  /** Whether the function may exit at start instead of answering /healthz (its services are unreachable). */
  readonly mayStopAtStart: boolean;
}

async function warmOne(artifactDir: string, functionName: string, run: WarmRun): Promise<void> {
  const profile = run.env.PILOG_PROFILE;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-warm-'));
  const child = spawn(process.execPath, ['main.mjs'], {
    cwd: artifactDir,
    env: { PATH: process.env.PATH, FUNCTION_TARGET: functionName, PORT: String(port), PILOG_DATA_DIR: dataDir, PILOG_LOG_LEVEL: 'error', ...run.env },
    stdio: ['ignore', 'ignore', run.mayStopAtStart ? 'ignore' : 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    for (const deadline = Date.now() + 60_000; ; ) {
      if (child.exitCode !== null && run.mayStopAtStart) return;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${functionName} did not start (${profile} profile) to warm its compile cache`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGTERM');
    if ((await exited) !== 0) throw new Error(`${functionName} did not stop cleanly (${profile} profile) while warming its compile cache`);
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
