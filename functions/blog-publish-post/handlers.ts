import { changeArticleStatus } from '../../shared/blog/application/change-article-status.ts';
import { createArticle } from '../../shared/blog/application/create-article.ts';
import { deleteArticle } from '../../shared/blog/application/delete-article.ts';
import { saveDraft } from '../../shared/blog/application/save-draft.ts';
import { tagArticle } from '../../shared/blog/application/tag-article.ts';
import { untagArticle } from '../../shared/blog/application/untag-article.ts';
import type { ArticleWriteDeps } from '../../shared/blog/application/write-article.ts';
import { parseId, type Id } from '../../shared/kernel/id.ts';
import { andThen, map, type Result } from '../../shared/kernel/result.ts';
import type { AppError } from '../../shared/kernel/app-error.ts';
import type { IdGenerator } from '../../shared/kernel/snowflake.ts';
import { json, type HttpRequest, type HttpResponse } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import type { publishRoutes } from './routes.ts';

const articleIdOf = (request: HttpRequest<unknown, unknown>): Result<Id, AppError> => parseId(request.params.articleId, 'articleId');
const written = (result: Result<{ articleId: number }, AppError>) => map(result, (value) => json(200, { articleId: value.articleId }));

/** HTTP ↔ the write use cases (contract §1.1): path ids parsed here, bodies already checked by the route schemas. */
export function publishHandlers(deps: ArticleWriteDeps & { readonly ids: IdGenerator }): RouteHandlers<typeof publishRoutes> {
  return {
    async createArticle(request): Promise<Result<HttpResponse, AppError>> {
      const created = await createArticle(deps, request.identity);
      return map(created, ({ articleId }) => json(201, { articleId }, { Location: `/api/v1/articles/${articleId}` }));
    },

    changeStatus: async (request) =>
      written(await andThen(articleIdOf(request), (articleId) => changeArticleStatus(deps, request.identity, { articleId, ...request.body }))),

    saveDraft: async (request) =>
      written(
        await andThen(articleIdOf(request), (articleId) =>
          saveDraft(deps, request.identity, { articleId, title: request.body.title, body: request.body.contents, thumbnailUrl: request.body.thumbnailUrl }),
        ),
      ),

    deleteArticle: async (request) => written(await andThen(articleIdOf(request), (articleId) => deleteArticle(deps, request.identity, articleId))),

    async addTag(request) {
      const tagged = await andThen(articleIdOf(request), (articleId) => tagArticle(deps, request.identity, { articleId, tagName: request.body.tagName }));
      // Quirk kept for the frontend (§1.1): the field is called tagId but holds the article id.
      return map(tagged, ({ articleId }) => json(200, { tagId: articleId }));
    },

    removeTag: async (request) =>
      written(await andThen(articleIdOf(request), (articleId) => untagArticle(deps, request.identity, { articleId, tagName: request.params.tagName ?? '' }))),
  };
}
