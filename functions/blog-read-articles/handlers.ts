import { listArticles, listTopTags, type ArticleReadDeps } from '../../shared/blog/application/list-articles.ts';
import { readArticle } from '../../shared/blog/application/read-article.ts';
import { ok } from '../../shared/kernel/result.ts';
import { answer, json } from '../../shared/platform/http/http-exchange.ts';
import { immutableJson } from '../../shared/platform/http/immutable-json.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import type { readRoutes } from './function.ts';

/**
 * HTTP ↔ the read use cases (contract §1.1). Lists and details are cache entries that never change once made:
 * sent as bytes serialised once, with an ETag (304 when the caller has them).
 */
export function readHandlers(deps: ArticleReadDeps): RouteHandlers<typeof readRoutes> {
  return {
    listArticles: async (request) => answer(await listArticles(deps, request.identity, request.query), (cards) => immutableJson(request.headers, cards)),

    readArticle: async (request) =>
      answer(await readArticle(deps, request.identity, { articleId: request.params.articleId ?? '', expectedStatus: request.query.expectedStatus }), (view) => immutableJson(request.headers, view)),

    topTags: async (request) => ok(json(200, { tags: await listTopTags(deps, Number(request.query.n)) })),
  };
}
