import type { ArticleChange } from '../domain/published-article.ts';
import type { SeoStore } from '../ports/seo-store.port.ts';

/**
 * Applies an article event to the read model and, when it changed anything, counts the change for the next
 * generation, in one transaction. A repeated or older event (by aggregate version) changes nothing.
 */
export async function trackArticleChange(deps: { store: SeoStore }, change: ArticleChange): Promise<{ applied: boolean }> {
  return deps.store.inTransaction(async ({ articles, schedule }) => {
    const applied = await articles.apply(change);
    if (applied) await schedule.recordChange(change.changedAt);
    return { applied };
  });
}
