import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestNamed } from '../../../functions/registry.ts';
import { createLogger } from '../../../shared/platform/logging/logger.ts';
import { loadFunction } from '../../../functions/function-modules.ts';

/**
 * `node record-settings.ts <function>`: starts one function in the embedded profile with an environment that records
 * every key read (through the context's env and through process.env alike), then prints the keys as JSON and exits.
 * The settings-coverage test compares them with the keys the manifest declares.
 */
const [functionName = ''] = process.argv.slice(2);
const dataDir = mkdtempSync(join(tmpdir(), `pilog-settings-${functionName}-`));
const values: Record<string, string> = { PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, PILOG_LOG_LEVEL: 'error' };
const read = new Set<string>();
const recording = new Proxy(values, {
  get: (target, key) => {
    if (typeof key === 'string') read.add(key);
    return target[key as string];
  },
  has: (target, key) => {
    if (typeof key === 'string') read.add(key);
    return key in target;
  },
});
const real = process.env;
process.env = recording;
let failure: string | undefined;
try {
  const manifest = manifestNamed(functionName);
  const running = await (await loadFunction(manifest)).start({ logger: createLogger({ level: 'error' }), env: recording });
  await running.close();
} catch (error) {
  failure = (error as Error).message;
} finally {
  process.env = real;
  rmSync(dataDir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ read: [...read].filter((key) => /^(PILOG_|NODE_ENV$)/.test(key)).sort(), failure })}\n`);
process.exit(0);
