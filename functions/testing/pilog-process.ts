import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prepareProfileData, type Profile } from './platform-env.ts';

export interface PilogProcess {
  readonly url: string;
  readonly pid: number;
  /** pilog's own variables it runs with (profile, data dir, database and services), for another process on its data. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

const main = fileURLToPath(new URL('../../tools/dev-host/main.ts', import.meta.url));

/**
 * `npm start` as a process of its own (so a benchmark's load generator does not share its event loop), in either
 * profile, on a fresh data dir or MariaDB database that `close` removes. Services come from the PILOG_TEST_* values.
 */
export async function startPilogProcess(profile: Profile, extraEnv: Record<string, string> = {}): Promise<PilogProcess> {
  const data = await prepareProfileData(profile, { migrated: false });
  const pilogEnv = { ...data.env, ...extraEnv };
  const child = spawn(process.execPath, [main], { env: { ...process.env, PORT: '0', PILOG_LOG_LEVEL: 'error', ...pilogEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pilog did not start in 60 s:\n${stderr}`)), 60_000);
    child.stderr.on('data', () => {
      const found = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pilog exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid as number,
    env: pilogEnv,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await data.remove();
    },
  };
}
