import { ok } from '../../kernel/result.ts';
import type { MemoDeps } from './memo-deps.ts';
import { deleteContents } from './folders.ts';

export interface PurgeReport {
  readonly authors: number;
  readonly memos: number;
  readonly folders: number;
}

/**
 * The public demo's weekly reset (§2.3): every memo and folder of every author whose last write was not made as an
 * ADMIN. One transaction per author, so a failure part-way leaves each author either untouched or empty.
 */
export async function purgeSandbox(deps: Pick<MemoDeps, 'store' | 'treeCache'>): Promise<PurgeReport> {
  const report = { authors: 0, memos: 0, folders: 0 };
  for (const { authorId, roles } of await deps.store.authors()) {
    if (roles.includes('ADMIN')) continue;
    const outcome = await deps.store.write({ authorId }, async (session) => {
      const [memos, folders] = [await session.memos(), await session.folders()];
      await deleteContents(session, memos, folders.map((folder) => folder.id));
      return ok({ memos: memos.length, folders: folders.length });
    });
    if (outcome.replacedTreeVersion !== undefined) await deps.treeCache.discard(authorId, outcome.replacedTreeVersion);
    if (outcome.result.ok && outcome.result.value.memos + outcome.result.value.folders > 0) {
      report.authors += 1;
      report.memos += outcome.result.value.memos;
      report.folders += outcome.result.value.folders;
    }
  }
  return report;
}
