import type { Migration } from 'kysely';

/**
 * Every migration, oldest first, one line each. Names sort in the order they must run (Kysely applies them by
 * name and refuses a new one that sorts before one already applied), so they start with a sequence number.
 * Modules load only when migrating; each is written with Kysely's schema builder so it serves both dialects.
 */
export const migrations: ReadonlyArray<readonly [name: string, load: () => Promise<Migration>]> = [
  ['0001-platform-create-outbox-table', () => import('../outbox/create-outbox-table.migration.ts')],
  ['0002-auth-create-users-and-token-families', () => import('../../auth/adapters/create-auth-tables.migration.ts')],
  ['0010-blog-create-articles-and-tags', () => import('../../blog/adapters/create-blog-tables.migration.ts')],
  ['0011-search-create-embedded-index', () => import('../../search/adapters/create-search-tables.migration.ts')],
  ['0020-memo-create-memos-and-folders', () => import('../../memo/adapters/create-memo-tables.migration.ts')],
  ['0030-comment-create-comments-and-read-models', () => import('../../comment/adapters/create-comment-tables.migration.ts')],
  ['0040-seo-create-article-read-model-and-feeds', () => import('../../seo/adapters/create-seo-tables.migration.ts')],
  ['0050-platform-add-outbox-positions', () => import('../outbox/add-outbox-positions.migration.ts')],
];
