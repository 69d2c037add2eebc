import { Type, type Static, type TObject } from '@sinclair/typebox';
import { tagKey, TAG_NAME_MAX_LENGTH } from '../../shared/blog/domain/tag-name.ts';
import type { AuthUsersTable } from '../../shared/auth/adapters/auth-tables.ts';
import type { RaisedEvent } from '../../shared/events/event-definition.ts';
import { memoRowOf } from '../../shared/memo/adapters/memo-rows.ts';
import { userProfileEvent } from './read-model-events.ts';
import { Id, idOf, millisOf, Nullable, nullableIdOf, nullableMillisOf, nullableTimeOf, Roles, rolesOf, Time, timeOf } from './site-fields.ts';

export type SiteRow = Record<string, unknown>;

/**
 * One table of the site as a JSON-lines file: a line per row, keys in the order `record` writes them, rows in
 * `orderBy` order, so two exports of the same site are the same bytes. `references` name what each record points
 * at (checked before a restore writes anything); `events` are what the read models learn from the restored rows.
 */
export interface SiteRecords<S extends TObject = TObject> {
  readonly file: string;
  readonly table: string;
  readonly orderBy: readonly string[];
  readonly schema: S;
  record(row: SiteRow): Static<S>;
  row(record: Static<S>): SiteRow;
  key(record: Static<S>): string;
  references?(record: Static<S>): ReadonlyArray<readonly [file: string, key: string | null]>;
  events?(rows: readonly SiteRow[]): readonly RaisedEvent[];
}

const records = <S extends TObject>(spec: SiteRecords<S>): SiteRecords => spec as unknown as SiteRecords;

export const users = records({
  file: 'users.jsonl',
  table: 'auth_users',
  orderBy: ['id'],
  schema: Type.Object(
    { id: Id, email: Type.String({ minLength: 3, maxLength: 320 }), nickName: Type.String({ maxLength: 255 }), picUrl: Nullable(Type.String()), roles: Roles, createdAt: Time, updatedAt: Time },
    { additionalProperties: false },
  ),
  record: (row) => ({ id: idOf(row.id), email: String(row.email), nickName: String(row.nick_name), picUrl: row.pic_url as string | null, roles: rolesOf(row.roles), createdAt: timeOf(row.created_at), updatedAt: timeOf(row.updated_at) }),
  row: (user) => ({ id: user.id, email: user.email, nick_name: user.nickName, pic_url: user.picUrl, roles: user.roles.join(','), created_at: millisOf(user.createdAt), updated_at: millisOf(user.updatedAt) }),
  key: (user) => String(user.id),
  events: (rows) => rows.map((row) => userProfileEvent(row as unknown as AuthUsersTable)),
});

export const tags = records({
  file: 'tags.jsonl',
  table: 'blog_tags',
  orderBy: ['id'],
  schema: Type.Object({ id: Id, name: Type.String({ minLength: 1, maxLength: TAG_NAME_MAX_LENGTH }), createdAt: Time }, { additionalProperties: false }),
  record: (row) => ({ id: idOf(row.id), name: String(row.name), createdAt: timeOf(row.created_at) }),
  row: (tag) => ({ id: tag.id, name: tag.name, name_key: tagKey(tag.name), created_at: millisOf(tag.createdAt) }),
  // Names are unique case-insensitively: the key the articles' front matter refers to them by.
  key: (tag) => tagKey(tag.name),
});

/** The memo context's authors: the roles the sandbox purge reads, the version the tree cache keys on. */
export const memoAuthors = records({
  file: 'memo-authors.jsonl',
  table: 'memo_authors',
  orderBy: ['author_id'],
  schema: Type.Object({ authorId: Id, roles: Roles, treeVersion: Type.Integer({ minimum: 0 }), updatedAt: Time }, { additionalProperties: false }),
  record: (row) => ({ authorId: idOf(row.author_id), roles: rolesOf(row.roles), treeVersion: Number(row.tree_version), updatedAt: timeOf(row.updated_at) }),
  row: (author) => ({ author_id: author.authorId, roles: author.roles.join(','), tree_version: author.treeVersion, updated_at: millisOf(author.updatedAt) }),
  key: (author) => String(author.authorId),
});

export const folders = records({
  file: 'folders.jsonl',
  table: 'memo_folders',
  orderBy: ['id'],
  schema: Type.Object(
    { id: Id, authorId: Id, parentId: Nullable(Id), name: Type.String({ minLength: 1, maxLength: 255 }), sequence: Type.String({ minLength: 1, maxLength: 255 }), createdAt: Time, updatedAt: Time },
    { additionalProperties: false },
  ),
  record: (row) => ({ id: idOf(row.id), authorId: idOf(row.author_id), parentId: nullableIdOf(row.parent_id), name: String(row.name), sequence: String(row.sequence), createdAt: timeOf(row.created_at), updatedAt: timeOf(row.updated_at) }),
  row: (folder) => ({ id: folder.id, author_id: folder.authorId, parent_id: folder.parentId, name: folder.name, sequence: folder.sequence, created_at: millisOf(folder.createdAt), updated_at: millisOf(folder.updatedAt) }),
  key: (folder) => String(folder.id),
  references: (folder) => [
    ['memo-authors.jsonl', String(folder.authorId)],
    ['folders.jsonl', folder.parentId === null ? null : String(folder.parentId)],
  ],
});

export const memos = records({
  file: 'memos.jsonl',
  table: 'memo_memos',
  orderBy: ['id'],
  schema: Type.Object(
    { id: Id, authorId: Id, folderId: Nullable(Id), title: Type.String({ minLength: 1, maxLength: 100 }), content: Type.String(), sequence: Type.String({ minLength: 1, maxLength: 255 }), version: Type.Integer({ minimum: 1 }), createdAt: Time, updatedAt: Time },
    { additionalProperties: false },
  ),
  record: (row) => ({
    id: idOf(row.id),
    authorId: idOf(row.author_id),
    folderId: nullableIdOf(row.folder_id),
    title: String(row.title),
    content: String(row.content),
    sequence: String(row.sequence),
    version: Number(row.version),
    createdAt: timeOf(row.created_at),
    updatedAt: timeOf(row.updated_at),
  }),
  row: (memo) => memoRowOf(memo, { createdAt: millisOf(memo.createdAt), updatedAt: millisOf(memo.updatedAt) }),
  key: (memo) => String(memo.id),
  references: (memo) => [
    ['memo-authors.jsonl', String(memo.authorId)],
    ['folders.jsonl', memo.folderId === null ? null : String(memo.folderId)],
  ],
});

export const memoReferences = records({
  file: 'memo-references.jsonl',
  table: 'memo_references',
  orderBy: ['memo_id', 'target_id'],
  schema: Type.Object({ memoId: Id, targetId: Id }, { additionalProperties: false }),
  record: (row) => ({ memoId: idOf(row.memo_id), targetId: idOf(row.target_id) }),
  row: (reference) => ({ memo_id: reference.memoId, target_id: reference.targetId }),
  key: (reference) => `${reference.memoId}>${reference.targetId}`,
  references: (reference) => [
    ['memos.jsonl', String(reference.memoId)],
    ['memos.jsonl', String(reference.targetId)],
  ],
});

/** Comments keep their tree, deleted state and guests' password hashes (argon2id, or bcrypt from an import): never a password. */
export const comments = records({
  file: 'comments.jsonl',
  table: 'comment_comments',
  orderBy: ['id'],
  schema: Type.Object(
    {
      id: Id,
      articleId: Id,
      parentId: Nullable(Id),
      authorId: Nullable(Id),
      guestName: Nullable(Type.String({ minLength: 1, maxLength: 80 })),
      passwordHash: Nullable(Type.String({ pattern: '^\\$(argon2id|2[abxy])\\$' })),
      content: Type.String(),
      createdAt: Time,
      deleted: Type.Boolean(),
      deletedAt: Nullable(Time),
    },
    { additionalProperties: false },
  ),
  record: (row) => ({
    id: idOf(row.id),
    articleId: idOf(row.article_id),
    parentId: nullableIdOf(row.parent_id),
    authorId: nullableIdOf(row.author_id),
    guestName: row.guest_name as string | null,
    passwordHash: row.password_hash as string | null,
    content: String(row.content),
    createdAt: timeOf(row.created_at),
    deleted: Number(row.deleted) === 1,
    deletedAt: nullableTimeOf(row.deleted_at),
  }),
  row: (comment) => ({
    id: comment.id,
    article_id: comment.articleId,
    parent_id: comment.parentId,
    author_id: comment.authorId,
    guest_name: comment.guestName,
    password_hash: comment.passwordHash,
    content: comment.content,
    created_at: millisOf(comment.createdAt),
    deleted: comment.deleted ? 1 : 0,
    deleted_at: nullableMillisOf(comment.deletedAt),
  }),
  key: (comment) => String(comment.id),
  references: (comment) => [
    ['articles', String(comment.articleId)],
    ['comments.jsonl', comment.parentId === null ? null : String(comment.parentId)],
  ],
});

/** In the order a restore writes them: every file after the ones it refers to. Articles go between tags and folders. */
export const recordsBeforeArticles: readonly SiteRecords[] = [users, tags];
export const recordsAfterArticles: readonly SiteRecords[] = [memoAuthors, folders, memos, memoReferences, comments];
