import type { RaisedEvent } from '../../events/event-definition.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import type { Folder } from '../domain/folder.ts';
import type { MemoRef, TreeSnapshot } from '../domain/folder-tree.ts';
import type { Memo, MemoHeader } from '../domain/memo.ts';

export interface MemoMatch extends MemoRef {
  /** Present when asked for (recommendations show it, search does not). */
  readonly content?: string;
}

/** Lookups by id across all authors, so a use case can tell "not yours" (403) from "not there" (404). */
export interface MemoLookups {
  findMemo(id: number): Promise<Memo | null>;
  findFolder(id: number): Promise<Folder | null>;
}

/**
 * One transaction on behalf of one author, whose writes it serializes: every check made through it (quotas,
 * cycles, link rules) still holds when it commits. Mutations raise nothing by themselves; the use case raises
 * the events, which commit with the rows.
 */
export interface MemoWriteSession extends MemoLookups {
  readonly authorId: number;
  countMemos(): Promise<number>;
  countFolders(): Promise<number>;
  /** Of this session's author. */
  folders(): Promise<Folder[]>;
  /** Of this session's author; those in the given folders only, when given. */
  memos(inFolders?: readonly number[]): Promise<MemoHeader[]>;
  findMemos(ids: readonly number[]): Promise<MemoHeader[]>;
  referenceIdsOf(memoId: number): Promise<number[]>;
  /** Which of `candidates` link to `memoId`. */
  linkingTo(memoId: number, candidates: readonly number[]): Promise<number[]>;

  insertMemo(memo: Memo): Promise<void>;
  /** Sets the given fields and increments the memo's version. */
  updateMemo(id: number, changes: Partial<Pick<Memo, 'title' | 'content' | 'folderId' | 'sequence'>>): Promise<void>;
  /** Replaces the outgoing links and increments the memo's version. */
  replaceReferences(memoId: number, targetIds: readonly number[]): Promise<void>;
  /** Hard delete; links to and from the memos go with them. */
  deleteMemos(ids: readonly number[]): Promise<void>;
  insertFolder(folder: Folder): Promise<void>;
  updateFolder(id: number, changes: Partial<Pick<Folder, 'name' | 'parentId' | 'sequence'>>): Promise<void>;
  /** The folders must hold no memos any more. */
  deleteFolders(ids: readonly number[]): Promise<void>;
  raise(events: readonly RaisedEvent[]): void;
}

/** Whom a write is for: a user (whose current roles are recorded, for the sandbox purge) or the system. */
export interface WriteAuthor {
  readonly authorId: number;
  readonly roles?: readonly string[];
}

export interface WriteOutcome<T> {
  readonly result: Result<T, AppError>;
  /**
   * Set when the write changed what the author's folder tree shows: the tree version it replaced. Every
   * mutation that touches a title, a folder, an order or a link bumps the author's tree version in the same
   * transaction, so no use case can forget to.
   */
  readonly replacedTreeVersion?: number;
}

export interface AuthorRoles {
  readonly authorId: number;
  readonly roles: readonly string[];
}

export interface MemoStore extends MemoLookups {
  /**
   * Runs `work` in one transaction as `author`. A failed Result rolls everything back; a successful one commits the
   * rows with the raised events (outbox), which are then published.
   */
  write<T>(author: WriteAuthor, work: (session: MemoWriteSession) => Promise<Result<T, AppError>>): Promise<WriteOutcome<T>>;
  /** Changes with every write that alters the author's tree; 0 before the first. Keys the tree cache. */
  treeVersion(authorId: number): Promise<number>;
  /** The author's folders, memos and links read in one transaction, with the tree version they show. */
  treeSnapshot(authorId: number): Promise<{ version: number; snapshot: TreeSnapshot }>;
  /** The author's memos whose title or content contains `needle` (already in `searchable` form), id descending. */
  searchMemos(authorId: number, needle: string, options: { excludeId?: number; withContent: boolean }): Promise<MemoMatch[]>;
  /** The memos `memoId` links to, id descending. */
  referencesOf(memoId: number, authorId: number): Promise<MemoRef[]>;
  /** The memos linking to `memoId`, id descending. */
  backlinksOf(memoId: number, authorId: number): Promise<MemoRef[]>;
  /** Everyone who ever wrote a memo or folder, with the roles of their last write. */
  authors(): Promise<AuthorRoles[]>;
}
