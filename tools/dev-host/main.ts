import { enableCompileCache } from 'node:module';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { integer, text } from '../../shared/platform/config/setting.ts';
import { httpSettingsFor } from '../../shared/platform/http/http-settings.ts';
import { createLogger, flushStdout } from '../../shared/platform/logging/logger.ts';
import { openTelemetry } from '../../shared/platform/telemetry/telemetry.ts';
import { telemetrySettingsFor } from '../../shared/platform/telemetry/telemetry-settings.ts';

/** `npm start`: the whole of pilog on one port. Embedded profile unless PILOG_PROFILE=services. */
const platform = loadConfig(platformSettings);
// V8's compile cache under the data dir: a restart starts from compiled code. Enabled before the dev host's
// modules load, hence the dynamic import.
enableCompileCache(join(platform.dataDir, 'compile-cache'));
const { startDevHost } = await import('./dev-host.ts');
const config = loadConfig({
  port: integer('PORT', 0, 65535, { default: 8080 }),
  host: text('PILOG_DEV_HOST_BIND', { default: '127.0.0.1', description: 'address the dev host listens on' }),
  ...httpSettingsFor(platform.profile),
  ...telemetrySettingsFor(platform.profile),
});
const logger = createLogger({ level: platform.logLevel });
const telemetry = await openTelemetry(config, 'pilog-dev-host', logger);
const host = await startDevHost({ port: config.port, host: config.host, platform, corsOrigins: config.corsOrigins, env: process.env, logger });

const say = (line: string): boolean => process.stderr.write(`${line}\n`);
say('');
say(`pilog dev host (${platform.profile} profile) on ${host.url}`);
say(`  data dir:   ${platform.profile === 'embedded' ? resolve(platform.dataDir) : '(services: MySQL, Redis, Kafka, OpenSearch)'}`);
say(`  health:     ${host.url}/healthz`);
say(`  API docs:   ${host.url}/api/docs/openapi.json`);
say(`  functions:  ${host.functions.join(', ')}`);
say('  Ctrl-C stops it.');
say('');

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) process.exit(1);
  stopping = true;
  say('stopping…');
  await host.close();
  await telemetry.shutdown();
  await flushStdout();
  say('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
