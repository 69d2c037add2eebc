import type { Kysely, Transaction } from 'kysely';
import type { AuthUsersTable } from '../../shared/auth/adapters/auth-tables.ts';
import { parseRoles } from '../../shared/auth/domain/role.ts';
import type { BlogArticlesTable } from '../../shared/blog/adapters/blog-tables.ts';
import type { Tag } from '../../shared/blog/domain/article.ts';
import { userProfileChanged } from '../../shared/events/auth-user.events.ts';
import { articlePublished } from '../../shared/events/blog-article.events.ts';
import { raise, type RaisedEvent } from '../../shared/events/event-definition.ts';
import { isoTimestamp } from '../../shared/kernel/clock.ts';
import type { SiteDatabase } from './site-database.ts';
import { appendToOutbox, type OutboxStamps } from '../../shared/platform/outbox/append-to-outbox.ts';

/**
 * The events the read models of other contexts build from when a site's rows arrive in bulk (import, restore):
 * search, the feeds and comments learn a published article from `published` at its version.
 */
export const articlePublishedEvent = (row: BlogArticlesTable, tags: readonly Tag[]): RaisedEvent =>
  raise(
    articlePublished,
    {
      articleId: row.id,
      title: row.published_title,
      body: row.published_body,
      thumbnailUrl: row.published_thumbnail_url,
      tags: [...tags],
      createdAt: isoTimestamp(row.created_at),
      publishedAt: isoTimestamp(row.published_at ?? row.created_at),
      lastPublishedAt: isoTimestamp(row.last_published_at ?? row.published_at ?? row.created_at),
    },
    row.version,
  );

/** Comments show nicknames and pictures from the auth context's profile events. */
export const userProfileEvent = (row: AuthUsersTable): RaisedEvent =>
  raise(userProfileChanged, { userId: row.id, nickName: row.nick_name, picUrl: row.pic_url, roles: parseRoles(row.roles) }, row.updated_at);

/**
 * Rows and their events in one transaction: all there or none. No fast path follows (a site tool publishes nothing
 * itself), so the rows are left unclaimed and the sweep (`events-sweep-outbox`) may take them at once.
 */
export async function writeWithEvents(db: Kysely<SiteDatabase>, stamps: OutboxStamps, write: (trx: Transaction<SiteDatabase>) => Promise<readonly RaisedEvent[]>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const events = await write(trx);
    if (events.length === 0) return;
    const appended = await appendToOutbox(trx, events, stamps);
    await trx.updateTable('outbox').set({ claimed_until: null }).where('id', 'in', appended.map((event) => Number(event.id))).execute();
  });
}
