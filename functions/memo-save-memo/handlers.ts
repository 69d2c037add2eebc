import { createFolder, deleteFolder, moveFolder, readFolderTree, renameFolder, reorderFolder } from '../../shared/memo/application/folders.ts';
import { createMemo } from '../../shared/memo/application/create-memo.ts';
import { deleteMemo } from '../../shared/memo/application/delete-memo.ts';
import type { MemoDeps } from '../../shared/memo/application/memo-deps.ts';
import { moveMemo } from '../../shared/memo/application/move-memo.ts';
import { readBacklinks, readMemo, readReferences, recommendMemos, searchMemos } from '../../shared/memo/application/memo-reads.ts';
import { reorderMemo } from '../../shared/memo/application/reorder-memo.ts';
import { requireCaller } from '../../shared/kernel/access.ts';
import type { AppError } from '../../shared/kernel/app-error.ts';
import { parseId, type Id } from '../../shared/kernel/id.ts';
import { all, andThen, ok, type Result } from '../../shared/kernel/result.ts';
import { answer, type HttpRequest } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import type { memoRoutes } from './function.ts';

/** Private data: never kept by a browser or proxy cache. */
const PRIVATE = { 'Cache-Control': 'no-store' };
const SEARCH_RESULT_NAME = '검색 결과';

/** An optional id field of a body: absent or null means none (uncategorized, top level). */
const idOrNull = (value: unknown, field: string): Result<Id | null, AppError> => (value === undefined || value === null ? ok(null) : parseId(value, field));
const memoIdOf = (request: HttpRequest<unknown, unknown>) => parseId(request.params.memoId, 'memoId');
const folderIdOf = (request: HttpRequest<unknown, unknown>) => parseId(request.params.folderId, 'folderId');

/** The signed-in caller (the route's access rule already required one), then the decoded inputs, or the first failure. */
const signedIn = <const R extends readonly Result<unknown, AppError>[]>(request: HttpRequest<unknown, unknown>, ...inputs: R) => all(requireCaller(request.identity), ...inputs);

/** HTTP ↔ memo use cases (contract §1.2, §1.3): shapes, status codes and the quirks the frontend relies on. */
export function memoHandlers(deps: MemoDeps): RouteHandlers<typeof memoRoutes> {
  return {
    createMemo: async (request) =>
      answer(
        await andThen(signedIn(request, idOrNull(request.body.parentFolderId, 'parentFolderId')), ([caller, folderId]) => createMemo(deps, caller, { folderId })),
        201,
        ({ memoId }) => ({ memoId }),
        ({ memoId }) => ({ ...PRIVATE, Location: `/api/v1/memos/${memoId}` }),
      ),

    searchMemos: async (request) =>
      answer(await andThen(signedIn(request), ([caller]) => searchMemos(deps, caller, request.query.query)), 200, (memos) => ({ result: { name: SEARCH_RESULT_NAME, memos } }), PRIVATE),

    readMemo: async (request) =>
      answer(
        await andThen(signedIn(request, memoIdOf(request)), ([caller, memoId]) => readMemo(deps, caller, memoId)),
        200,
        ({ memo, references }) => ({ memoId: memo.id, title: memo.title, content: memo.content, references: references.map((target) => ({ rootId: memo.id, referenceId: target.id })) }),
        PRIVATE,
      ),

    deleteMemo: async (request) =>
      answer(await andThen(signedIn(request, memoIdOf(request)), ([caller, memoId]) => deleteMemo(deps, caller, memoId)), 204, () => undefined, PRIVATE),

    moveMemo: async (request) =>
      answer(
        await andThen(signedIn(request, memoIdOf(request), idOrNull(request.body.folderId, 'folderId')), ([caller, memoId, folderId]) => moveMemo(deps, caller, { memoId, folderId })),
        200,
        (moved) => moved,
        PRIVATE,
      ),

    reorderMemo: async (request) =>
      answer(
        await andThen(signedIn(request, memoIdOf(request)), ([caller, memoId]) => reorderMemo(deps, caller, { memoId, sequence: request.body.sequence })),
        200,
        (placed) => placed,
        PRIVATE,
      ),

    recommendMemos: async (request) =>
      answer(
        await andThen(signedIn(request, memoIdOf(request)), ([caller, memoId]) => recommendMemos(deps, caller, { memoId, keyword: request.query.keyword })),
        200,
        (memos) => ({ memos: memos.map(({ id, title, content }) => ({ memoId: id, title, content })) }),
        PRIVATE,
      ),

    readReferences: async (request) =>
      answer(await andThen(signedIn(request, memoIdOf(request)), ([caller, memoId]) => readReferences(deps, caller, memoId)), 200, (references) => ({ references }), PRIVATE),

    readBacklinks: async (request) =>
      answer(await andThen(signedIn(request, memoIdOf(request)), ([caller, memoId]) => readBacklinks(deps, caller, memoId)), 200, (referenceds) => ({ referenceds }), PRIVATE),

    readFolderTree: async (request) =>
      answer(await andThen(signedIn(request), async ([caller]) => ok(await readFolderTree(deps, caller))), 200, (folderInfos) => ({ folderInfos }), PRIVATE),

    createFolder: async (request) =>
      answer(
        await andThen(signedIn(request, idOrNull(request.body.parentId, 'parentId')), ([caller, parentId]) => createFolder(deps, caller, { parentId })),
        201,
        // Quirk: `parent` is the parent's id here, not a FolderInfo.
        (folder) => ({ folder: { id: folder.id, name: folder.name, parent: folder.parentId, children: [], memos: [] } }),
        (folder) => ({ ...PRIVATE, Location: `/api/v1/folders/${folder.id}` }),
      ),

    renameFolder: async (request) =>
      answer(
        // Quirk: the body's folderId names the folder; the path's is used only when the body has none.
        await andThen(signedIn(request, parseId(request.body.folderId ?? request.params.folderId, 'folderId')), ([caller, folderId]) =>
          renameFolder(deps, caller, { folderId, name: request.body.name }),
        ),
        200,
        (renamed) => renamed,
        PRIVATE,
      ),

    moveFolder: async (request) =>
      answer(
        await andThen(signedIn(request, folderIdOf(request), idOrNull(request.body.parentId, 'parentId')), ([caller, folderId, parentId]) => moveFolder(deps, caller, { folderId, parentId })),
        200,
        (moved) => moved,
        PRIVATE,
      ),

    reorderFolder: async (request) =>
      answer(
        await andThen(signedIn(request, folderIdOf(request)), ([caller, folderId]) => reorderFolder(deps, caller, { folderId, sequence: request.body.sequence })),
        200,
        (placed) => placed,
        PRIVATE,
      ),

    deleteFolder: async (request) =>
      answer(await andThen(signedIn(request, folderIdOf(request)), ([caller, folderId]) => deleteFolder(deps, caller, folderId)), 200, (deleted) => deleted, PRIVATE),
  };
}
