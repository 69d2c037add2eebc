import { changeArticleStatus, deleteArticle } from '../../shared/blog/application/change-article-status.ts';
import { createArticle } from '../../shared/blog/application/create-article.ts';
import { saveDraft } from '../../shared/blog/application/save-draft.ts';
import { tagArticle, untagArticle } from '../../shared/blog/application/article-tags.ts';
import type { ArticleWriteDeps, ArticleWritten } from '../../shared/blog/application/write-article.ts';
import { parseId, type Id } from '../../shared/kernel/id.ts';
import { andThen, type Result } from '../../shared/kernel/result.ts';
import type { AppError } from '../../shared/kernel/app-error.ts';
import type { IdGenerator } from '../../shared/kernel/snowflake.ts';
import { answer, type HttpRequest } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import type { publishRoutes } from './function.ts';

const articleIdOf = (request: HttpRequest<unknown, unknown>): Result<Id, AppError> => parseId(request.params.articleId, 'articleId');
/** What every write but create answers: the article's id, nothing else of what the use case returns. */
const writtenBody = ({ articleId }: ArticleWritten) => ({ articleId });

/** HTTP ↔ the write use cases (contract §1.1): path ids parsed here, bodies already checked by the route schemas. */
export function publishHandlers(deps: ArticleWriteDeps & { readonly ids: IdGenerator }): RouteHandlers<typeof publishRoutes> {
  return {
    createArticle: async (request) =>
      answer(await createArticle(deps, request.identity), 201, writtenBody, ({ articleId }) => ({ Location: `/api/v1/articles/${articleId}` })),

    changeStatus: async (request) =>
      answer(await andThen(articleIdOf(request), (articleId) => changeArticleStatus(deps, request.identity, { articleId, ...request.body })), 200, writtenBody),

    saveDraft: async (request) =>
      answer(
        await andThen(articleIdOf(request), (articleId) =>
          saveDraft(deps, request.identity, { articleId, title: request.body.title, body: request.body.contents, thumbnailUrl: request.body.thumbnailUrl }),
        ),
        200,
        writtenBody,
      ),

    deleteArticle: async (request) => answer(await andThen(articleIdOf(request), (articleId) => deleteArticle(deps, request.identity, articleId)), 200, writtenBody),

    addTag: async (request) =>
      answer(
        await andThen(articleIdOf(request), (articleId) => tagArticle(deps, request.identity, { articleId, tagName: request.body.tagName })),
        200,
        // Quirk kept for the frontend (§1.1): the field is called tagId but holds the article id.
        ({ articleId }) => ({ tagId: articleId }),
      ),

    removeTag: async (request) =>
      answer(await andThen(articleIdOf(request), (articleId) => untagArticle(deps, request.identity, { articleId, tagName: request.params.tagName ?? '' })), 200, writtenBody),
  };
}
