import type { MigrationList } from '../shared/platform/database/migrate.ts';

/**
 * Every migration, the platform's and each context's, oldest first, one line each: the one place that knows them
 * all (the platform knows no context), for `npm run migrate`, the dev host, the site tools and tests. Names sort in
 * the order they must run (Kysely applies them by name and refuses a new one that sorts before one already
 * applied), so they start with a sequence number. Modules load only when migrating; each is written with Kysely's
 * schema builder so it serves both dialects.
 */
export const migrations: MigrationList = [
  ['0001-platform-create-outbox-table', () => import('../shared/platform/outbox/create-outbox-table.migration.ts')],
  ['0002-auth-create-users-and-token-families', () => import('../shared/auth/adapters/create-auth-tables.migration.ts')],
  ['0010-blog-create-articles-and-tags', () => import('../shared/blog/adapters/create-blog-tables.migration.ts')],
  ['0011-search-create-embedded-index', () => import('../shared/search/adapters/create-search-tables.migration.ts')],
  ['0020-memo-create-memos-and-folders', () => import('../shared/memo/adapters/create-memo-tables.migration.ts')],
  ['0030-comment-create-comments-and-read-models', () => import('../shared/comment/adapters/create-comment-tables.migration.ts')],
  ['0040-seo-create-article-read-model-and-feeds', () => import('../shared/seo/adapters/create-seo-tables.migration.ts')],
  ['0050-platform-add-outbox-positions', () => import('../shared/platform/outbox/add-outbox-positions.migration.ts')],
];
