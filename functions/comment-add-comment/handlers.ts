import { addComment, type AddCommentDeps } from '../../shared/comment/application/add-comment.ts';
import { deleteComment } from '../../shared/comment/application/delete-comment.ts';
import { listArticleComments } from '../../shared/comment/application/list-article-comments.ts';
import { map } from '../../shared/kernel/result.ts';
import { json } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import type { commentRoutes } from './routes.ts';

/** HTTP ↔ comment use cases (contract §1.4). Comments are personal and change often: never cached by the browser. */
export function commentHandlers(deps: AddCommentDeps): RouteHandlers<typeof commentRoutes> {
  const noStore = { 'Cache-Control': 'no-store' };
  return {
    listComments: async (request) =>
      map(await listArticleComments(deps, { refId: request.query.refId, refType: request.query.refType }), (comments) => json(200, { comments }, noStore)),

    addComment: async (request) =>
      map(
        await addComment(deps, {
          caller: request.identity,
          clientAddress: request.clientIp,
          refId: request.body.refId,
          refType: request.body.refType,
          userName: request.body.userName,
          password: request.body.password,
          parentId: request.body.parentId,
          content: request.body.content,
        }),
        // 200, not 201: the existing frontend expects it (§1.4).
        (added) => json(200, added, noStore),
      ),

    deleteComment: async (request) =>
      map(
        await deleteComment(deps, { caller: request.identity, clientAddress: request.clientIp, commentId: request.params.commentId, password: request.body.password }),
        (deleted) => json(200, deleted, noStore),
      ),
  };
}
