import type { BlogTables } from '../../shared/blog/adapters/blog-tables.ts';
import type { CommentTables } from '../../shared/comment/adapters/comment-tables.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import { createSnowflake } from '../../shared/kernel/snowflake.ts';
import { IMPORT_WORKER_ID } from '../../shared/platform/ids/worker-ids.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { openDatabase, type DatabaseHandle, type PlatformTables } from '../../shared/platform/database/database.ts';
import type { MemoTables } from '../../shared/memo/adapters/memo-tables.ts';
import type { OutboxStamps } from '../../shared/platform/outbox/append-to-outbox.ts';
import type { SeoTables } from '../../shared/seo/adapters/seo-tables.ts';

/** The contexts' tables the site tools (import, export, restore) read and write; each context declares its own. */
export type SiteTables = BlogTables & CommentTables & MemoTables & SeoTables;
export type SiteDatabase = PlatformTables & SiteTables;

/** The profile's pilog database, as every function finds it: PILOG_PROFILE, and PILOG_DATA_DIR or PILOG_MYSQL_URL. */
export const openSiteDatabase = (env: Readonly<Record<string, string | undefined>>): Promise<DatabaseHandle> =>
  openDatabase(loadConfig({ profile: platformSettings.profile, dataDir: platformSettings.dataDir, mysqlUrl: platformSettings.mysqlUrl }, env));

/** The outbox rows of the site tools (import, restore) carry the worker id no function leases, so their ids never meet a function's. */
export const siteToolStamps = (): OutboxStamps => ({ ids: createSnowflake(IMPORT_WORKER_ID, systemClock), clock: systemClock });
