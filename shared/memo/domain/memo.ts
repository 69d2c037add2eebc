import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';

/** Contract §2.3: per-author limits. */
export const MAX_MEMOS_PER_AUTHOR = 1000;
export const MAX_TITLE_LENGTH = 100;
export const MAX_SEQUENCE_LENGTH = 255;

export const DEFAULT_MEMO_TITLE = 'untitled';
/**
 * The LexoRank of a memo or folder nobody has placed yet. The client computes every other rank; the server only
 * stores and sorts them (§2.3), so this is the one rank pilog ever writes itself.
 */
export const DEFAULT_SEQUENCE = '0|hzzzzz:';

/** A memo without its text: what every structural rule (folders, references, order) needs. */
export interface MemoHeader {
  readonly id: number;
  readonly authorId: number;
  readonly folderId: number | null;
  readonly title: string;
  readonly sequence: string;
  /** Incremented by every change; the aggregate version carried by the memo's events. */
  readonly version: number;
}

export interface Memo extends MemoHeader {
  readonly content: string;
}

export const newMemo = (id: number, authorId: number, folderId: number | null): Memo => ({
  id,
  authorId,
  folderId,
  title: DEFAULT_MEMO_TITLE,
  content: '',
  sequence: DEFAULT_SEQUENCE,
  version: 1,
});

/** Lengths in code points, as the database columns count characters (a Hangul syllable is one). */
const lengthOf = (text: string): number => [...text].length;

/** A title from an editor save: blank becomes "untitled" rather than failing the whole save (§5). */
export function memoTitle(input: string): Result<string, AppError> {
  if (input.trim() === '') return ok(DEFAULT_MEMO_TITLE);
  if (lengthOf(input) > MAX_TITLE_LENGTH) return err(validationFailed(`title must be at most ${MAX_TITLE_LENGTH} characters`));
  return ok(input);
}

/** An opaque client-computed rank: stored as sent, compared as plain strings. */
export function sequenceOf(input: string): Result<string, AppError> {
  const length = lengthOf(input);
  if (length < 1 || length > MAX_SEQUENCE_LENGTH) return err(validationFailed(`sequence must be 1..${MAX_SEQUENCE_LENGTH} characters`));
  return ok(input);
}

/**
 * The form text is matched in: search and recommendations are literal, case-insensitive substring matches, so
 * both the stored text and the needle are lower-cased by this one function and compared byte for byte. Doing it
 * here rather than in SQL keeps the two dialects identical (SQLite's lower() knows only ASCII; MySQL's
 * case-insensitive collations also ignore accents, which a literal match must not).
 */
export const searchable = (text: string): string => text.toLowerCase();
