import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { requireRole, type Caller } from '../../kernel/access.ts';
import { parseId } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { codePointLength, type Tag } from '../domain/article.ts';
import { cardOf, type ArticleCard, type ListedStatus } from '../domain/article-views.ts';
import { parseTagName, tagKey } from '../domain/tag-name.ts';
import type { ArticleReads } from '../ports/article-reads.port.ts';
import type { ArticleSearch } from '../ports/article-search.port.ts';
import type { ArticleReadCache } from './article-read-cache.ts';

export interface ArticleReadDeps {
  readonly reads: ArticleReads;
  readonly search: ArticleSearch;
  readonly cache: ArticleReadCache;
}

/** The raw query of `GET /api/v1/articles/simple`: `status` already checked by the route, the rest as sent. */
export interface ListQuery {
  readonly status: ListedStatus;
  readonly cursor?: string;
  readonly limit?: string;
  readonly keyword?: string;
  readonly tagName?: string;
}

/** The contract's cap on keyword results (§1.1). */
const KEYWORD_RESULTS = 50;
const KEYWORD_MAX_LENGTH = 200;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

const present = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

function parseLimit(raw: string | undefined): Result<number, AppError> {
  if (raw === undefined) return ok(DEFAULT_LIMIT);
  const limit = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : NaN;
  return limit >= 1 && limit <= MAX_LIMIT ? ok(limit) : err(validationFailed(`limit must be an integer in 1..${MAX_LIMIT}`));
}

/**
 * `GET /api/v1/articles/simple` in its three modes (§1.1): status and the ADMIN rule for drafts first, then keyword
 * (the search read model, best match first, at most 50), tag (published carriers, newest first) or a page by cursor.
 */
export async function listArticles(deps: ArticleReadDeps, caller: Caller | null, query: ListQuery): Promise<Result<readonly ArticleCard[], AppError>> {
  if (query.status === 'DRAFT') {
    const allowed = requireRole(caller, 'ADMIN');
    if (!allowed.ok) return allowed;
  }
  const keyword = present(query.keyword);
  const tagName = present(query.tagName);
  if ((keyword !== undefined || tagName !== undefined) && query.status !== 'PUBLISHED') {
    return err(validationFailed('keyword and tagName search published articles only: status must be PUBLISHED'));
  }
  if (keyword !== undefined) return searchByKeyword(deps, keyword);
  if (tagName !== undefined) return listByTag(deps, tagName);

  const limit = parseLimit(query.limit);
  if (!limit.ok) return limit;
  const cursor = query.cursor === undefined ? ok(null) : parseId(query.cursor, 'cursor');
  if (!cursor.ok) return cursor;
  const { status } = query;
  const cards = await deps.cache.list(status, `page:${cursor.value ?? ''}:${limit.value}`, async () =>
    (await deps.reads.page(status, cursor.value, limit.value)).map((record) => cardOf(record, status)),
  );
  return ok(cards);
}

async function listByTag(deps: ArticleReadDeps, tagName: string): Promise<Result<readonly ArticleCard[], AppError>> {
  // A name no tag can have matches nothing: an empty list, not an error.
  if (!parseTagName(tagName).ok) return ok([]);
  const key = tagKey(tagName);
  return ok(await deps.cache.list('PUBLISHED', `tag:${key}`, async () => (await deps.reads.taggedPublished(key)).map((record) => cardOf(record, 'PUBLISHED'))));
}

/**
 * The index answers ids, best first; the cards come from the database, which also drops any article the index still
 * holds but that is no longer published: only current PUBLISHED articles are ever returned (§2.1).
 */
async function searchByKeyword(deps: ArticleReadDeps, keyword: string): Promise<Result<readonly ArticleCard[], AppError>> {
  if (codePointLength(keyword) > KEYWORD_MAX_LENGTH) return err(validationFailed(`keyword must be at most ${KEYWORD_MAX_LENGTH} characters`));
  const found = await deps.search.search(keyword, KEYWORD_RESULTS);
  if (!found.ok) return found;
  if (found.value.length === 0) return ok([]);
  const records = new Map((await deps.reads.publishedAmong(found.value)).map((record) => [record.id, record]));
  return ok(found.value.flatMap((id) => {
    const record = records.get(id);
    return record === undefined ? [] : [cardOf(record, 'PUBLISHED')];
  }));
}

/** `GET /api/v1/tags/top?n=`: the tags most carried by published articles, count desc then name (§1.1, §2.2). */
export function listTopTags(deps: Pick<ArticleReadDeps, 'reads' | 'cache'>, count: number): Promise<readonly Tag[]> {
  return deps.cache.topTags(count, () => deps.reads.topTags(count));
}
