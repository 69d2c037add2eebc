import { requireOwner, type Caller } from '../../kernel/access.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Folder } from '../domain/folder.ts';
import { folderNotFound, memoNotFound } from '../domain/memo.errors.ts';

/** Existence first (404), then ownership (403 NOT_OWNER, an ADMIN included): the contract's order of checks. */
export function owned<T extends { readonly authorId: number }>(caller: Caller, found: T | null, missing: () => AppError): Result<T, AppError> {
  if (found === null) return err(missing());
  const allowed = requireOwner(caller, found.authorId);
  return allowed.ok ? ok(found) : allowed;
}

export const ownedMemo = <T extends { readonly authorId: number }>(caller: Caller, found: T | null, id: number) => owned(caller, found, () => memoNotFound(id));
export const ownedFolder = (caller: Caller, found: Folder | null, id: number) => owned(caller, found, () => folderNotFound(id));

/** A folder the caller may put something in: none (top level / uncategorized) or one of their own. */
export async function targetFolder(caller: Caller, folderId: number | null, find: (id: number) => Promise<Folder | null>): Promise<Result<Folder | null, AppError>> {
  return folderId === null ? ok(null) : ownedFolder(caller, await find(folderId), folderId);
}
