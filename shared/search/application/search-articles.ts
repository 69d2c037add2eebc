import type { AppError } from '../../kernel/app-error.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { searchQueryOf } from '../domain/search-query.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';

/** Article ids for a keyword, best match first; a blank keyword finds nothing. */
export async function searchArticles(index: SearchIndex, keyword: string, limit: number): Promise<Result<readonly number[], AppError>> {
  const query = searchQueryOf(keyword);
  return query === undefined ? ok([]) : index.search(query, limit);
}
