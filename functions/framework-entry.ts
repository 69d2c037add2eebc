import { loadConfig } from '../shared/platform/config/load-config.ts';
import { platformSettings } from '../shared/platform/config/platform-settings.ts';
import { createLogger } from '../shared/platform/logging/logger.ts';
import { loadFunction } from './function-modules.ts';
import { manifestNamed } from './registry.ts';

/**
 * For functions-framework's own server, the programming model every function is written against:
 * `FUNCTION_TARGET=<name> npx functions-framework --source=functions/framework-entry.ts` starts the named function,
 * which registers itself, and the framework serves it (its Express app; no pilog edge, no health route).
 * Production does not come here: each function's `main.ts` serves it on node:http directly (docs/adr/0005).
 */
const manifest = manifestNamed(process.env.FUNCTION_TARGET ?? '');
const { logLevel } = loadConfig({ logLevel: platformSettings.logLevel });
await (await loadFunction(manifest)).start({ logger: createLogger({ level: logLevel, fields: { function: manifest.name } }), env: process.env });
