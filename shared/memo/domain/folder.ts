import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { DEFAULT_SEQUENCE } from './memo.ts';

export const MAX_FOLDERS_PER_AUTHOR = 100;
export const MAX_FOLDER_NAME_LENGTH = 255;
export const DEFAULT_FOLDER_NAME = 'untitled';

export interface Folder {
  readonly id: number;
  readonly authorId: number;
  readonly parentId: number | null;
  readonly name: string;
  readonly sequence: string;
}

export const newFolder = (id: number, authorId: number, parentId: number | null): Folder => ({
  id,
  authorId,
  parentId,
  name: DEFAULT_FOLDER_NAME,
  sequence: DEFAULT_SEQUENCE,
});

export function folderName(input: string): Result<string, AppError> {
  if (input.trim() === '') return err(validationFailed('name must not be blank'));
  if ([...input].length > MAX_FOLDER_NAME_LENGTH) return err(validationFailed(`name must be at most ${MAX_FOLDER_NAME_LENGTH} characters`));
  return ok(input);
}

type Linked = Pick<Folder, 'id' | 'parentId'>;

/** The folder and everything below it, at any depth. Visits each folder once, so even a corrupt loop ends. */
export function subtreeOf(rootId: number, folders: readonly Linked[]): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const folder of folders) {
    if (folder.parentId !== null) childrenOf.set(folder.parentId, [...(childrenOf.get(folder.parentId) ?? []), folder.id]);
  }
  const found = new Set<number>([rootId]);
  const pending = [rootId];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const child of childrenOf.get(next) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        pending.push(child);
      }
    }
  }
  return [...found];
}

/**
 * Whether hanging `folderId` under `parentId` would close a loop: the new parent is the folder itself or any of
 * its descendants, however deep (the original backend only looked one level up).
 */
export function wouldCreateCycle(folderId: number, parentId: number | null, folders: readonly Linked[]): boolean {
  return parentId !== null && subtreeOf(folderId, folders).includes(parentId);
}
