import { appError, notFound, validationFailed, type AppError } from '../../kernel/app-error.ts';
import { MAX_FOLDERS_PER_AUTHOR } from './folder.ts';
import { MAX_MEMOS_PER_AUTHOR } from './memo.ts';

export const memoNotFound = (id: number): AppError => notFound(`memo ${id}`);
export const folderNotFound = (id: number): AppError => notFound(`folder ${id}`);
export const memoQuotaExceeded = (): AppError => appError('QUOTA_EXCEEDED', `an author may keep at most ${MAX_MEMOS_PER_AUTHOR} memos`);
export const folderQuotaExceeded = (): AppError => appError('QUOTA_EXCEEDED', `an author may keep at most ${MAX_FOLDERS_PER_AUTHOR} folders`);
export const folderCycle = (folderId: number, parentId: number): AppError =>
  validationFailed(`folder ${parentId} is folder ${folderId} or one of its descendants; folders cannot form a cycle`);
export const blankKeyword = (): AppError => validationFailed('keyword must not be blank');
