import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../bench/measure-process.ts';
import { createJoseSessionTokens } from '../../../shared/auth/adapters/session-tokens.jose.ts';
import { systemClock } from '../../../shared/kernel/clock.ts';
import { openDatabase } from '../../../shared/platform/database/database.ts';
import { migrateToLatest } from '../../../shared/platform/database/migrate.ts';
import { spawnNode, type SpawnedProcess } from '../../../shared/platform/runtime/testing/spawn-node.ts';
import { migrations } from '../../../tools/migrations.ts';

export const ORIGIN = 'http://localhost:3000';
const SECRET = 'realtime-process-secret-0123456789abcdef';
const functionEntry = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface RealtimeProcess {
  readonly proc: SpawnedProcess;
  readonly base: string;
  /** An access cookie header (`name=value`) for `userId`, valid for `accessTtlSeconds`. */
  cookieFor(userId: number, accessTtlSeconds?: number): Promise<string>;
  /** Kills the process (if still running) and removes its data directory. */
  stop(): void;
}

/** realtime-autosave as Knative runs it (its container entry, one process) on the embedded profile, ready to serve. */
export async function startRealtimeProcess(env: Readonly<Record<string, string>> = {}): Promise<RealtimeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-realtime-'));
  const database = await openDatabase({ profile: 'embedded', dataDir, mysqlUrl: '' });
  await migrateToLatest(database, migrations);
  await database.close();
  const port = await freePort();
  const proc = spawnNode(functionEntry, { PORT: String(port), PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, PILOG_JWT_SECRET: SECRET, PILOG_CORS_ORIGINS: ORIGIN, ...env });
  await proc.waitForLine((line) => line.message === 'function ready', 30_000);
  return {
    proc,
    base: `http://127.0.0.1:${port}`,
    async cookieFor(userId, accessTtlSeconds = 3600) {
      const tokens = createJoseSessionTokens({ key: new TextEncoder().encode(SECRET), accessTtlSeconds, refreshTtlSeconds: 3600, clock: systemClock });
      return `jiniaslog_access=${(await tokens.mint({ userId, roles: ['USER'], fid: tokens.newFamilyId() })).access}`;
    },
    stop() {
      proc.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
