import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/database/database.ts';
import type { MemoTables } from '../adapters/memo-tables.ts';
import { DEFAULT_SEQUENCE, searchable } from '../domain/memo.ts';

export interface SeededMemo {
  readonly title: string;
  readonly content: string;
}

/**
 * Inserts memos straight into the tables, in batches, for tests that need many (quotas, search timing): creating a
 * thousand through the use case would only measure the test. Rows are shaped exactly as the store writes them.
 */
export async function seedMemos(database: Kysely<PlatformTables>, authorId: number, memos: readonly SeededMemo[], firstId: number): Promise<number[]> {
  const now = Date.now();
  await database.withTables<MemoTables>().transaction().execute(async (trx) => {
    const author = await trx.selectFrom('memo_authors').select('author_id').where('author_id', '=', authorId).executeTakeFirst();
    if (!author) await trx.insertInto('memo_authors').values({ author_id: authorId, roles: 'USER', tree_version: 0, updated_at: now }).execute();
    for (let start = 0; start < memos.length; start += 100) {
      const rows = memos.slice(start, start + 100).map((memo, i) => ({
        id: firstId + start + i,
        author_id: authorId,
        folder_id: null,
        title: memo.title,
        content: memo.content,
        search_title: searchable(memo.title),
        search_content: searchable(memo.content),
        sequence: DEFAULT_SEQUENCE,
        version: 1,
        created_at: now,
        updated_at: now,
      }));
      await trx.insertInto('memo_memos').values(rows).execute();
    }
    // The tree shows these memos now: move the author's tree version on, as every write does.
    await trx.updateTable('memo_authors').set((eb) => ({ tree_version: eb('tree_version', '+', 1) })).where('author_id', '=', authorId).execute();
  });
  return memos.map((_, i) => firstId + i);
}

const WORDS = ['메모', '지니아', '블로그', '함수', 'Kotlin', 'TypeScript', 'Knative', '라즈베리파이', 'cluster', '검색', 'folder', '참조'];

/** `count` memos of mixed Korean and English text, about `length` characters each; deterministic. */
export function sampleMemos(count: number, length = 1500): SeededMemo[] {
  return Array.from({ length: count }, (_, i) => {
    const words: string[] = [];
    for (let w = 0; words.join(' ').length < length; w++) words.push(WORDS[(i * 7 + w * 3) % WORDS.length] as string);
    return { title: `메모 ${i} ${WORDS[i % WORDS.length]}`, content: words.join(' ') };
  });
}
