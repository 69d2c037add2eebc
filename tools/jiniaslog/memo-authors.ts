import type { Transaction } from 'kysely';
import type { SiteDatabase } from '../site/site-database.ts';
import type { ImportContext } from './import-context.ts';

/**
 * Folders and memos hang off `memo_authors`, whose roles the sandbox purge reads (it spares ADMINs): an author gets
 * the roles of the source user, USER when the source has no such user.
 */
export async function ensureMemoAuthors(trx: Transaction<SiteDatabase>, context: ImportContext, authorIds: readonly number[], now: number): Promise<void> {
  const wanted = [...new Set(authorIds)];
  if (wanted.length === 0) return;
  const held = new Set((await trx.selectFrom('memo_authors').select('author_id').where('author_id', 'in', wanted).execute()).map((row) => Number(row.author_id)));
  const missing = wanted.filter((id) => !held.has(id));
  if (missing.length === 0) return;
  await trx
    .insertInto('memo_authors')
    .values(missing.map((id) => ({ author_id: id, roles: context.users.get(id)?.roles ?? 'USER', tree_version: 1, updated_at: now })))
    .execute();
}
