import { createFolder } from '../../shared/memo/application/create-folder.ts';
import { createMemo } from '../../shared/memo/application/create-memo.ts';
import { deleteFolder } from '../../shared/memo/application/delete-folder.ts';
import { deleteMemo } from '../../shared/memo/application/delete-memo.ts';
import type { MemoDeps } from '../../shared/memo/application/memo-deps.ts';
import { moveFolder } from '../../shared/memo/application/move-folder.ts';
import { moveMemo } from '../../shared/memo/application/move-memo.ts';
import { readBacklinks } from '../../shared/memo/application/read-backlinks.ts';
import { readFolderTree } from '../../shared/memo/application/read-folder-tree.ts';
import { readMemo } from '../../shared/memo/application/read-memo.ts';
import { readReferences } from '../../shared/memo/application/read-references.ts';
import { recommendMemos } from '../../shared/memo/application/recommend-memos.ts';
import { renameFolder } from '../../shared/memo/application/rename-folder.ts';
import { reorderFolder } from '../../shared/memo/application/reorder-folder.ts';
import { reorderMemo } from '../../shared/memo/application/reorder-memo.ts';
import { searchMemos } from '../../shared/memo/application/search-memos.ts';
import { requireCaller, type Caller } from '../../shared/kernel/access.ts';
import type { AppError } from '../../shared/kernel/app-error.ts';
import { parseId, type Id } from '../../shared/kernel/id.ts';
import { ok, type Result } from '../../shared/kernel/result.ts';
import { json, type HttpRequest, type HttpResponse } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import type { memoRoutes } from './routes.ts';

/** Private data: never kept by a browser or proxy cache. */
const PRIVATE = { 'Cache-Control': 'no-store' };
const SEARCH_RESULT_NAME = '검색 결과';

type Answer = Promise<Result<HttpResponse, AppError>>;

/** An optional id field of a body: absent or null means none (uncategorized, top level). */
const idOrNull = (value: unknown, field: string): Result<Id | null, AppError> => (value === undefined || value === null ? ok(null) : parseId(value, field));

/** Both decoded, or the first failure. */
const both = <A, B>(a: Result<A, AppError>, b: Result<B, AppError>): Result<[A, B], AppError> => (!a.ok ? a : !b.ok ? b : ok([a.value, b.value]));

/** Decodes, then runs the use case as the signed-in caller (the route's access rule already required one). */
async function as<T>(request: HttpRequest<unknown, unknown>, decoded: Result<T, AppError>, run: (caller: Caller, input: T) => Answer): Answer {
  const caller = requireCaller(request.identity);
  if (!caller.ok) return caller;
  return decoded.ok ? run(caller.value, decoded.value) : decoded;
}

const answer = <T>(result: Result<T, AppError>, respond: (value: T) => HttpResponse): Result<HttpResponse, AppError> => (result.ok ? ok(respond(result.value)) : result);
const body = (status: number, payload: unknown, headers: Record<string, string> = {}): HttpResponse => json(status, payload, { ...PRIVATE, ...headers });

/** HTTP ↔ memo use cases (contract §1.2, §1.3): shapes, status codes and the quirks the frontend relies on. */
export function memoHandlers(deps: MemoDeps): RouteHandlers<typeof memoRoutes> {
  return {
    createMemo: (request) =>
      as(request, idOrNull(request.body.parentFolderId, 'parentFolderId'), async (caller, folderId) =>
        answer(await createMemo(deps, caller, { folderId }), ({ memoId }) => body(201, { memoId }, { Location: `/api/v1/memos/${memoId}` })),
      ),

    searchMemos: (request) =>
      as(request, ok(request.query.query), async (caller, query) =>
        answer(await searchMemos(deps, caller, query), (memos) => body(200, { result: { name: SEARCH_RESULT_NAME, memos } })),
      ),

    readMemo: (request) =>
      as(request, parseId(request.params.memoId, 'memoId'), async (caller, memoId) =>
        answer(await readMemo(deps, caller, memoId), ({ memo, references }) =>
          body(200, { memoId: memo.id, title: memo.title, content: memo.content, references: references.map((target) => ({ rootId: memo.id, referenceId: target.id })) }),
        ),
      ),

    deleteMemo: (request) =>
      as(request, parseId(request.params.memoId, 'memoId'), async (caller, memoId) => answer(await deleteMemo(deps, caller, memoId), () => ({ status: 204, headers: PRIVATE }))),

    moveMemo: (request) =>
      as(request, both(parseId(request.params.memoId, 'memoId'), idOrNull(request.body.folderId, 'folderId')), async (caller, [memoId, folderId]) =>
        answer(await moveMemo(deps, caller, { memoId, folderId }), (moved) => body(200, moved)),
      ),

    reorderMemo: (request) =>
      as(request, parseId(request.params.memoId, 'memoId'), async (caller, memoId) =>
        answer(await reorderMemo(deps, caller, { memoId, sequence: request.body.sequence }), (placed) => body(200, placed)),
      ),

    recommendMemos: (request) =>
      as(request, parseId(request.params.memoId, 'memoId'), async (caller, memoId) =>
        answer(await recommendMemos(deps, caller, { memoId, keyword: request.query.keyword }), (memos) =>
          body(200, { memos: memos.map(({ id, title, content }) => ({ memoId: id, title, content })) }),
        ),
      ),

    readReferences: (request) =>
      as(request, parseId(request.params.memoId, 'memoId'), async (caller, memoId) =>
        answer(await readReferences(deps, caller, memoId), (references) => body(200, { references })),
      ),

    readBacklinks: (request) =>
      as(request, parseId(request.params.memoId, 'memoId'), async (caller, memoId) =>
        answer(await readBacklinks(deps, caller, memoId), (referenceds) => body(200, { referenceds })),
      ),

    readFolderTree: (request) => as(request, ok(undefined), async (caller) => ok(body(200, { folderInfos: await readFolderTree(deps, caller) }))),

    createFolder: (request) =>
      as(request, idOrNull(request.body.parentId, 'parentId'), async (caller, parentId) =>
        answer(await createFolder(deps, caller, { parentId }), (folder) =>
          // Quirk: `parent` is the parent's id here, not a FolderInfo.
          body(201, { folder: { id: folder.id, name: folder.name, parent: folder.parentId, children: [], memos: [] } }, { Location: `/api/v1/folders/${folder.id}` }),
        ),
      ),

    renameFolder: (request) =>
      // Quirk: the body's folderId names the folder; the path's is used only when the body has none.
      as(request, request.body.folderId === undefined ? parseId(request.params.folderId, 'folderId') : parseId(request.body.folderId, 'folderId'), async (caller, folderId) =>
        answer(await renameFolder(deps, caller, { folderId, name: request.body.name }), (renamed) => body(200, renamed)),
      ),

    moveFolder: (request) =>
      as(request, both(parseId(request.params.folderId, 'folderId'), idOrNull(request.body.parentId, 'parentId')), async (caller, [folderId, parentId]) =>
        answer(await moveFolder(deps, caller, { folderId, parentId }), (moved) => body(200, moved)),
      ),

    reorderFolder: (request) =>
      as(request, parseId(request.params.folderId, 'folderId'), async (caller, folderId) =>
        answer(await reorderFolder(deps, caller, { folderId, sequence: request.body.sequence }), (placed) => body(200, placed)),
      ),

    deleteFolder: (request) =>
      as(request, parseId(request.params.folderId, 'folderId'), async (caller, folderId) => answer(await deleteFolder(deps, caller, folderId), (deleted) => body(200, deleted))),
  };
}
