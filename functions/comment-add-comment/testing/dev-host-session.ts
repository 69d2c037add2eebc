import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginInfo } from '../../../shared/auth/domain/login-info.ts';
import { browse, CookieJar } from '../../../shared/auth/testing/browser.ts';
import { signInThroughApi } from '../../../shared/auth/testing/dev-sign-in.ts';
import { loadConfig } from '../../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../../shared/platform/config/platform-settings.ts';
import { createLogger } from '../../../shared/platform/logging/logger.ts';
import { startDevHost, type DevHost } from '../../../tools/dev-host/dev-host.ts';

export const FRONTEND_ORIGIN = 'http://localhost:3000';
const CALLBACK = `${FRONTEND_ORIGIN}/login/oauth2/code/google`;

export interface JourneyHost {
  readonly host: DevHost;
  readonly dataDir: string;
  /** A browser with the frontend's Origin: cookies kept per user, as the journeys of §6 ask. */
  request(jar: CookieJar, path: string, init?: { method?: string; body?: unknown; form?: FormData; headers?: Record<string, string> }): Promise<Response>;
  /** Signs in at the dev identity provider the way a person does; the jar then holds the session cookies. */
  signIn(email: string): Promise<{ jar: CookieJar; info: LoginInfo }>;
  close(): Promise<void>;
}

/** The whole of pilog as `npm start` runs it (embedded profile), in a data dir of its own. */
export async function startJourneyHost(extraEnv: Record<string, string> = {}): Promise<JourneyHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-journey-'));
  const env = { PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, ...extraEnv };
  const host = await startDevHost({ port: 0, host: '127.0.0.1', platform: loadConfig(platformSettings, env), corsOrigins: [FRONTEND_ORIGIN], env, logger: createLogger({ sink: { write: () => {} } }) });
  const request: JourneyHost['request'] = (jar, path, init = {}) =>
    browse(jar, `${host.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { origin: FRONTEND_ORIGIN, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : init.form ? { body: init.form } : {}),
    });
  return {
    host,
    dataDir,
    request,
    async signIn(email) {
      const jar = new CookieJar();
      const info = await signInThroughApi((method, path, body) => request(jar, path, { method, body }), email, CALLBACK);
      return { jar, info: info as LoginInfo };
    },
    async close() {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
