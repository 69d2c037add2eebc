import type { BlogTables } from '../../shared/blog/adapters/blog-tables.ts';
import type { CommentTables } from '../../shared/comment/adapters/comment-tables.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import { createSnowflake } from '../../shared/kernel/snowflake.ts';
import { IMPORT_WORKER_ID } from '../../shared/platform/ids/worker-ids.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import type { DatabaseHandle, PlatformTables } from '../../shared/platform/database/database.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { MemoTables } from '../../shared/memo/adapters/memo-tables.ts';
import type { OutboxStamps } from '../../shared/platform/outbox/append-to-outbox.ts';
import type { SeoTables } from '../../shared/seo/adapters/seo-tables.ts';

/** The contexts' tables the site tools (import, export, restore) read and write; each context declares its own. */
export type SiteTables = BlogTables & CommentTables & MemoTables & SeoTables;
export type SiteDatabase = PlatformTables & SiteTables;

/**
 * The profile's pilog database, found and opened as every function opens it (openPlatform's database): PILOG_PROFILE,
 * and PILOG_DATA_DIR or PILOG_MYSQL_URL. For the tools that need the database alone (migrate, import, export, restore).
 */
export async function openSiteDatabase(env: Readonly<Record<string, string | undefined>>, tool: string): Promise<DatabaseHandle> {
  const settings = loadConfig({ profile: platformSettings.profile, dataDir: platformSettings.dataDir, mysqlUrl: platformSettings.mysqlUrl }, env);
  const platform = openPlatform(settings, { name: tool, logger: createLogger({ level: 'warn' }) });
  return { ...(await platform.database()), close: platform.close };
}

/** The outbox rows of the site tools (import, restore) carry the worker id no function leases, so their ids never meet a function's. */
export const siteToolStamps = (): OutboxStamps => ({ ids: createSnowflake(IMPORT_WORKER_ID, systemClock), clock: systemClock });
