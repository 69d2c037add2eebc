import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { parseId } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { commentTree, type CommentView } from '../domain/comment-tree.ts';
import type { ArticleDirectory } from '../ports/read-models.port.ts';
import type { CommentRepository } from '../ports/comment-repository.port.ts';

export interface ListArticleCommentsDeps {
  readonly comments: CommentRepository;
  readonly articles: ArticleDirectory;
}

/** §1.4: the tree of a published article; an unknown or unpublished article has none to show, which is not an error. */
export async function listArticleComments(deps: ListArticleCommentsDeps, input: { refId: unknown; refType: unknown }): Promise<Result<CommentView[], AppError>> {
  if (input.refType !== 'ARTICLE') return err(validationFailed('refType must be ARTICLE'));
  const articleId = parseId(input.refId, 'refId');
  if (!articleId.ok) return articleId;
  if (!(await deps.articles.isPublished(articleId.value))) return ok([]);
  return ok(commentTree(await deps.comments.listByArticle(articleId.value)));
}
