import { addComment, type AddCommentDeps } from '../../shared/comment/application/add-comment.ts';
import { deleteComment } from '../../shared/comment/application/delete-comment.ts';
import { listArticleComments } from '../../shared/comment/application/list-article-comments.ts';
import { answer } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import type { commentRoutes } from './function.ts';

/** HTTP ↔ comment use cases (contract §1.4). Comments are personal and change often: never cached by the browser. */
export function commentHandlers(deps: AddCommentDeps): RouteHandlers<typeof commentRoutes> {
  const noStore = { 'Cache-Control': 'no-store' };
  return {
    listComments: async (request) =>
      answer(await listArticleComments(deps, { refId: request.query.refId, refType: request.query.refType }), 200, (comments) => ({ comments }), noStore),

    addComment: async (request) =>
      answer(
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
        200,
        (added) => added,
        noStore,
      ),

    deleteComment: async (request) =>
      answer(
        await deleteComment(deps, { caller: request.identity, clientAddress: request.clientIp, commentId: request.params.commentId, password: request.body.password }),
        200,
        (deleted) => deleted,
        noStore,
      ),
  };
}
