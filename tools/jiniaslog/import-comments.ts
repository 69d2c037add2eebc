import { TableTally } from './import-report.ts';
import { codePoints, idOf, textOf, type ImportContext } from './import-context.ts';
import { accept, reject, type TableImport } from './table-import.ts';
import type { CommentCommentsTable } from '../../shared/comment/adapters/comment-tables.ts';

interface SourceComment {
  id: unknown;
  author_id: unknown;
  author_name: unknown;
  password: unknown;
  ref_id: unknown;
  ref_type: unknown;
  status: unknown;
  parent_id: unknown;
  contents: unknown;
  created_at: string | null;
  updated_at: string | null;
}

type CommentRow = CommentCommentsTable;

/** What Spring Security's BCryptPasswordEncoder writes; pilog checks it on the guest's next delete and then re-hashes with argon2id. */
const BCRYPT = /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const STATUSES = new Map([
  ['ACTIVE', 0],
  ['DELETED', 1],
]);

const fingerprint = (row: Omit<CommentRow, 'id' | 'article_id' | 'parent_id' | 'author_id'> & { id: unknown; article_id: unknown; parent_id: unknown; author_id: unknown }): string =>
  JSON.stringify([
    Number(row.id),
    Number(row.article_id),
    row.parent_id === null ? null : Number(row.parent_id),
    row.author_id === null ? null : Number(row.author_id),
    row.guest_name,
    // Not the hash: pilog replaces it with argon2id at the guest's next delete, which is no change of content.
    row.password_hash !== null,
    row.content,
    Number(row.created_at),
    Number(row.deleted),
  ]);

/**
 * `jiniaslog_comment.Comment` → `comment_comments`: the tree (a reply answers a root, as pilog shows two levels),
 * the deleted state, registered authors by id and guests with their bcrypt hash as it is. A guest's hash is never
 * re-hashed here: only the password, which pilog sees at the guest's next delete, can make an argon2id hash.
 */
export function importComments(context: ImportContext): TableImport<SourceComment, CommentRow> {
  const table = context.source.table('comment', 'Comment');
  return {
    tally: new TableTally('comments'),
    count: () => context.source.count(table),
    batches: (size) => context.source.batches<SourceComment & { [key: string]: unknown }>(table, 'id', size),
    check(source) {
      const id = idOf(source.id);
      if (id === null) return reject('id is not a positive integer');
      if (textOf(source.ref_type) !== 'ARTICLE') return reject(`ref_type "${textOf(source.ref_type)}" is not ARTICLE`);
      const articleId = idOf(source.ref_id);
      if (articleId === null || !context.articles.has(articleId)) return reject('article missing or skipped');
      const parentId = source.parent_id === null ? null : idOf(source.parent_id);
      if (source.parent_id !== null) {
        if (parentId === null || !context.comments.has(parentId)) return reject('parent comment missing or skipped');
        if (context.comments.get(parentId) !== null) return reject('reply to a reply (pilog shows two levels)');
      }
      const deleted = STATUSES.get(textOf(source.status));
      if (deleted === undefined) return reject(`unknown status "${textOf(source.status)}"`);
      const createdAt = context.timeOf(source.created_at);
      const updatedAt = context.timeOf(source.updated_at) ?? createdAt;
      if (createdAt === null || updatedAt === null) return reject('created_at is missing or malformed');
      const authorId = source.author_id === null ? null : idOf(source.author_id);
      let guest: { name: string; hash: string | null } | null = null;
      if (authorId === null) {
        const name = textOf(source.author_name).trim();
        const hash = source.password === null ? null : textOf(source.password);
        if (name === '' || codePoints(name) > 80) return reject('guest name missing or longer than 80 characters');
        if (hash !== null && !BCRYPT.test(hash)) return reject('guest password is not a bcrypt hash');
        guest = { name, hash };
      }
      context.comments.set(id, parentId);
      return accept({
        id,
        article_id: articleId,
        parent_id: parentId,
        author_id: authorId,
        guest_name: guest?.name ?? null,
        password_hash: guest?.hash ?? null,
        content: textOf(source.contents),
        created_at: createdAt,
        deleted,
        deleted_at: deleted === 1 ? updatedAt : null,
      });
    },
    keyOf: (row) => String(row.id),
    async present(db, rows) {
      if (rows.length === 0) return new Set();
      const held = await db.selectFrom('comment_comments').select('id').where('id', 'in', rows.map((row) => row.id)).execute();
      return new Set(held.map((row) => String(Number(row.id))));
    },
    async write(trx, rows) {
      await trx.insertInto('comment_comments').values([...rows]).execute();
      return [];
    },
    fingerprint,
    async readBack(db, rows) {
      if (rows.length === 0) return new Map();
      const held = await db.selectFrom('comment_comments').selectAll().where('id', 'in', rows.map((row) => row.id)).execute();
      return new Map(held.map((row) => [String(Number(row.id)), fingerprint(row)]));
    },
  };
}
