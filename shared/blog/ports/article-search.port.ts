import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';

/**
 * Keyword search over published articles, answered by the search read model (another context, wired in by the
 * function): article ids, best match first. `UPSTREAM_UNAVAILABLE` when the index cannot be asked.
 */
export interface ArticleSearch {
  search(keyword: string, limit: number): Promise<Result<readonly number[], AppError>>;
}
