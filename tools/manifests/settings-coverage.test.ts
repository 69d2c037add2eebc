import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifests } from '../../functions/registry.ts';
import { settingKeys } from '../../shared/platform/config/load-config.ts';
import { repoRoot } from './expected-files.ts';
import { containerEntrySettings } from './function-env.ts';

const run = promisify(execFile);
const recorder = fileURLToPath(new URL('./testing/record-settings.ts', import.meta.url));

/**
 * A function's Knative Service passes it exactly the keys its manifest declares. A key read at start but not
 * declared would be missing in the cluster while every local run still sees it, so each function is started (in
 * its own process, embedded profile) with an environment that records what is read.
 */
describe('manifest settings', () => {
  it('declare every configuration key each function reads at start', { timeout: 120_000 }, async () => {
    const undeclared: Array<{ function: string; keys: string[]; failure?: string }> = [];
    const queue = [...manifests];
    const worker = async (): Promise<void> => {
      for (let manifest = queue.shift(); manifest; manifest = queue.shift()) {
        const { stdout } = await run(process.execPath, [recorder, manifest.name], { cwd: repoRoot, timeout: 30_000 });
        const { read, failure } = JSON.parse(stdout.trim().split('\n').pop() as string) as { read: string[]; failure?: string };
        // The container entry's own keys (CORS, proxy hops, log level) reach every function anyway.
        const { plain, secret } = settingKeys({ ...containerEntrySettings, ...manifest.settings });
        const declared = new Set([...plain, ...secret]);
        const keys = read.filter((key) => !declared.has(key));
        if (keys.length > 0 || failure) undeclared.push({ function: manifest.name, keys, ...(failure ? { failure } : {}) });
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(undeclared, 'add these keys to the manifests’ settings (then npm run manifests)').toEqual([]);
  });
});
