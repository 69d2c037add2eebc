import type { Kysely } from 'kysely';
import { articleStatuses, codePointLength, TITLE_MAX_LENGTH, type ArticleStatus } from '../../shared/blog/domain/article.ts';
import type { SiteDatabase } from '../site/site-database.ts';
import { TableTally } from './import-report.ts';
import { idOf, textOf, type ImportContext } from './import-context.ts';
import { accept, reject, type TableImport } from './table-import.ts';
import type { BlogArticlesTable } from '../../shared/blog/adapters/blog-tables.ts';
import { articlePublishedEvent } from '../site/read-model-events.ts';

interface SourceArticle {
  id: unknown;
  status: unknown;
  title: unknown;
  contents: unknown;
  thumbnail_url: unknown;
  draft_title: unknown;
  draft_contents: unknown;
  draft_thumbnail_url: unknown;
  created_at: string | null;
  updated_at: string | null;
}

interface SourceTagging {
  id: unknown;
  article_id: unknown;
  tag_tag_id: unknown;
}

interface ArticleRow extends Omit<BlogArticlesTable, 'status'> {
  status: ArticleStatus;
  /** Pilog tag ids, in the source's tagging order, duplicates folded. */
  tags: { id: number; name: string }[];
}

const copyColumns = ['status', 'draft_title', 'draft_body', 'draft_thumbnail_url', 'published_title', 'published_body', 'published_thumbnail_url'] as const;
const timeColumns = ['created_at', 'published_at', 'last_published_at'] as const;

const fingerprint = (row: Record<(typeof copyColumns)[number], string> & Record<'id' | (typeof timeColumns)[number], unknown>, tagIds: readonly number[]): string =>
  JSON.stringify([Number(row.id), ...copyColumns.map((column) => row[column]), ...timeColumns.map((column) => (row[column] === null ? null : Number(row[column]))), tagIds]);

async function tagIdsOf(db: Kysely<SiteDatabase>, articleIds: readonly number[]): Promise<Map<number, number[]>> {
  const byArticle = new Map<number, number[]>(articleIds.map((id) => [id, []]));
  const rows = await db.selectFrom('blog_taggings').select(['article_id', 'tag_id']).where('article_id', 'in', [...articleIds]).orderBy('article_id').orderBy('tag_id').execute();
  for (const row of rows) byArticle.get(Number(row.article_id))?.push(Number(row.tag_id));
  return byArticle;
}

/**
 * `jiniaslog_blog.Article` with its `Tagging`s → `blog_articles` and `blog_taggings`, one article and its tags in
 * one batch transaction. The published copy is `title`/`contents`/`thumbnail_url`, the draft copy the `draft_*`
 * columns (§2.1); a published article's first and last publish times are its creation and last change, the best the
 * source knows. Each published article raises `published` (version 1), from which search, the feeds and comments
 * build their read models. A deleted article keeps no taggings (§2.1).
 */
export function importArticles(context: ImportContext, taggingsTally: TableTally): TableImport<SourceArticle, ArticleRow> {
  const table = context.source.table('blog', 'Article');
  const taggingTable = context.source.table('blog', 'Tagging');
  let taggingsByArticle = new Map<number, SourceTagging[]>();
  let taggingsSeen = 0;

  const tagsOf = (articleId: number, status: ArticleStatus): ArticleRow['tags'] => {
    const tags: ArticleRow['tags'] = [];
    for (const tagging of taggingsByArticle.get(articleId) ?? []) {
      const tag = context.tags.get(idOf(tagging.tag_tag_id) ?? 0);
      if (status === 'DELETED') taggingsTally.skip('article is deleted (deleted articles keep no tags)');
      else if (!tag) taggingsTally.skip('tag missing or skipped');
      else if (tags.some((held) => held.id === tag.id)) taggingsTally.skip('duplicate pair, folded');
      else tags.push(tag);
    }
    return tags;
  };

  return {
    tally: new TableTally('articles'),
    count: async () => {
      taggingsTally.read = await context.source.count(taggingTable);
      return context.source.count(table);
    },
    async *batches(size) {
      yield* context.source.batches<SourceArticle & { [key: string]: unknown }>(table, 'id', size);
      // Taggings whose article id is in no batch point at an article the source does not have.
      taggingsTally.skip('article missing', taggingsTally.read - taggingsSeen);
    },
    async prepare(batch) {
      const ids = batch.map((article) => idOf(article.id)).filter((id) => id !== null);
      const taggings = ids.length === 0 ? [] : await context.source.query<SourceTagging>(`SELECT * FROM ${taggingTable} WHERE article_id IN (?) ORDER BY id`, [ids]);
      taggingsSeen += taggings.length;
      taggingsByArticle = Map.groupBy(taggings, (tagging) => idOf(tagging.article_id) ?? 0);
    },
    check(source) {
      const id = idOf(source.id);
      const skipTaggings = (reason: string) => taggingsTally.skip(reason, taggingsByArticle.get(id ?? 0)?.length ?? 0);
      const refuse = (reason: string) => {
        skipTaggings('article skipped');
        return reject(reason);
      };
      if (id === null) return refuse('id is not a positive integer');
      const status = textOf(source.status) as ArticleStatus;
      if (!articleStatuses.includes(status)) return refuse(`unknown status "${textOf(source.status)}"`);
      const createdAt = context.timeOf(source.created_at);
      const updatedAt = context.timeOf(source.updated_at) ?? createdAt;
      if (createdAt === null || updatedAt === null) return refuse('created_at is missing or malformed');
      const published = { title: textOf(source.title), body: textOf(source.contents), thumbnailUrl: textOf(source.thumbnail_url) };
      const draft = { title: textOf(source.draft_title), body: textOf(source.draft_contents), thumbnailUrl: textOf(source.draft_thumbnail_url) };
      if (codePointLength(published.title) > TITLE_MAX_LENGTH || codePointLength(draft.title) > TITLE_MAX_LENGTH) return refuse(`title longer than ${TITLE_MAX_LENGTH} characters`);
      context.articles.set(id, { status });
      const tags = tagsOf(id, status);
      const isPublished = status === 'PUBLISHED';
      return accept({
        id,
        status,
        draft_title: draft.title,
        draft_body: draft.body,
        draft_thumbnail_url: draft.thumbnailUrl,
        published_title: published.title,
        published_body: published.body,
        published_thumbnail_url: published.thumbnailUrl,
        created_at: createdAt,
        published_at: isPublished ? createdAt : null,
        last_published_at: isPublished ? updatedAt : null,
        updated_at: updatedAt,
        version: 1,
        tags,
      });
    },
    keyOf: (row) => String(row.id),
    async present(db, rows) {
      if (rows.length === 0) return new Set();
      const held = await db.selectFrom('blog_articles').select('id').where('id', 'in', rows.map((row) => row.id)).execute();
      const ids = new Set(held.map((row) => String(Number(row.id))));
      // An article and its taggings commit together, so a present article has its taggings too.
      for (const row of rows) {
        if (ids.has(String(row.id))) taggingsTally.present += row.tags.length;
        else taggingsTally.imported += row.tags.length;
      }
      return ids;
    },
    async write(trx, rows) {
      await trx.insertInto('blog_articles').values(rows.map(({ tags: _tags, ...row }) => row)).execute();
      const taggings = rows.flatMap((row) => row.tags.map((tag, order) => ({ article_id: row.id, tag_id: tag.id, created_at: row.created_at + order })));
      if (taggings.length > 0) await trx.insertInto('blog_taggings').values(taggings).execute();
      return rows.filter((row) => row.status === 'PUBLISHED').map(({ tags, ...row }) => articlePublishedEvent(row, tags));
    },
    fingerprint: (row) => fingerprint(row, row.tags.map((tag) => tag.id).sort((a, b) => a - b)),
    async readBack(db, rows) {
      if (rows.length === 0) return new Map();
      const ids = rows.map((row) => row.id);
      const [held, tagIds] = await Promise.all([db.selectFrom('blog_articles').selectAll().where('id', 'in', ids).execute(), tagIdsOf(db, ids)]);
      const heldTags = new Map(rows.map((row) => [row.id, tagIds.get(row.id) ?? []]));
      for (const row of rows) {
        const heldIds = heldTags.get(row.id) ?? [];
        row.tags
          .map((tag) => tag.id)
          .sort((a, b) => a - b)
          .forEach((tagId, index) => taggingsTally.digest(`${row.id}:${tagId}`, heldIds[index] === undefined ? 'missing' : `${row.id}:${heldIds[index]}`));
      }
      return new Map(held.map((row) => [String(Number(row.id)), fingerprint(row, heldTags.get(Number(row.id)) ?? [])]));
    },
  };
}
