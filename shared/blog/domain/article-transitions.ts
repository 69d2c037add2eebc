import { isoTimestamp } from '../../kernel/clock.ts';
import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import {
  articleCreated,
  articleDeleted,
  articleDraftSaved,
  articlePublished,
  articleRestored,
  articleTagged,
  articleUnpublished,
  articleUntagged,
} from '../../events/blog-article.events.ts';
import { raise, type RaisedEvent } from '../../events/event-definition.ts';
import { codePointLength, emptyCopy, isComplete, TITLE_MAX_LENGTH, type Article, type ArticleChange, type ArticleCopy, type Tag } from './article.ts';
import { allowedFrom, type StatusOperation } from './article-status.ts';
import { blogErrors } from './blog.errors.ts';
import { tagKey } from './tag-name.ts';

/**
 * The article aggregate's state transitions (§2.1, §2.2): pure functions from an article to the next one and the
 * events that change raised. Each change increments the version; every event carries it.
 */

const changed = (before: Article | null, after: Article, event: (version: number) => RaisedEvent): ArticleChange => ({
  before,
  after,
  events: [event(after.version)],
});

const next = (article: Article, fields: Partial<Article>): Article => ({ ...article, ...fields, version: article.version + 1 });

const tagData = (tags: readonly Tag[]) => tags.map((tag) => ({ id: tag.id, name: tag.name }));

export function newArticle(id: number, now: number): ArticleChange {
  const article: Article = {
    id,
    status: 'DRAFT',
    draft: emptyCopy,
    published: emptyCopy,
    tags: [],
    createdAt: now,
    publishedAt: null,
    lastPublishedAt: null,
    version: 1,
  };
  return changed(null, article, (version) => raise(articleCreated, { articleId: id, createdAt: isoTimestamp(now) }, version));
}

/** A draft edit: each part given replaces that part of the draft copy; parts left undefined stay. */
export interface DraftEdit {
  readonly title?: string;
  readonly body?: string;
  readonly thumbnailUrl?: string;
}

export function saveDraft(article: Article, edit: DraftEdit): Result<ArticleChange, AppError> {
  if (edit.title !== undefined && codePointLength(edit.title) > TITLE_MAX_LENGTH) {
    return err(validationFailed(`title must be at most ${TITLE_MAX_LENGTH} characters`));
  }
  if (article.status === 'DELETED') return err(blogErrors.articleDeleted(article.id));
  const draft: ArticleCopy = {
    title: edit.title ?? article.draft.title,
    body: edit.body ?? article.draft.body,
    thumbnailUrl: edit.thumbnailUrl ?? article.draft.thumbnailUrl,
  };
  // A published article's draft is what the next republish shows, so it may not become incomplete.
  if (article.status === 'PUBLISHED' && !isComplete(draft)) return err(blogErrors.incompleteDraft(article.id));
  return ok(changed(article, next(article, { draft }), (version) => raise(articleDraftSaved, { articleId: article.id }, version)));
}

function publish(article: Article, now: number): Result<ArticleChange, AppError> {
  if (!isComplete(article.draft)) return err(blogErrors.incompleteDraft(article.id));
  const publishedAt = article.publishedAt ?? now;
  const after = next(article, { status: 'PUBLISHED', published: article.draft, publishedAt, lastPublishedAt: now });
  const data = {
    articleId: after.id,
    ...after.published,
    tags: tagData(after.tags),
    createdAt: isoTimestamp(after.createdAt),
    publishedAt: isoTimestamp(publishedAt),
    lastPublishedAt: isoTimestamp(now),
  };
  return ok(changed(article, after, (version) => raise(articlePublished, data, version)));
}

/** Applies a PATCH operation (or the DELETE route's delete) after checking the stored status allows it. */
export function applyStatusOperation(article: Article, operation: StatusOperation, now: number): Result<ArticleChange, AppError> {
  if (!allowedFrom[operation].includes(article.status)) return err(blogErrors.wrongStatus(article.id, article.status, operation));
  const articleId = article.id;
  switch (operation) {
    case 'publish':
      return publish(article, now);
    case 'unpublish':
      return ok(changed(article, next(article, { status: 'DRAFT' }), (version) => raise(articleUnpublished, { articleId }, version)));
    case 'delete':
      // Deleting removes every tagging; restoring does not bring them back (§2.1).
      return ok(changed(article, next(article, { status: 'DELETED', tags: [] }), (version) => raise(articleDeleted, { articleId }, version)));
    case 'restore':
      return ok(changed(article, next(article, { status: 'DRAFT' }), (version) => raise(articleRestored, { articleId }, version)));
  }
}

/** The published copy as tag events carry it while the article is published (see blog-article.events.ts). */
function tagChangeData(after: Article, tag: Tag) {
  const base = { articleId: after.id, tag: { id: tag.id, name: tag.name }, tags: tagData(after.tags) };
  if (after.status !== 'PUBLISHED') return { ...base, published: false as const };
  return {
    ...base,
    published: true as const,
    publishedCopy: {
      ...after.published,
      createdAt: isoTimestamp(after.createdAt),
      publishedAt: isoTimestamp(after.publishedAt ?? after.createdAt),
      lastPublishedAt: isoTimestamp(after.lastPublishedAt ?? after.createdAt),
    },
  };
}

/** Adding a tag the article already carries is a no-op: same answer, no second tagging, no event (§2.2). */
export function addTag(article: Article, tag: Tag): Result<ArticleChange, AppError> {
  if (article.status === 'DELETED') return err(blogErrors.articleDeleted(article.id));
  if (article.tags.some((carried) => carried.id === tag.id)) return ok({ before: article, after: article, events: [] });
  const after = next(article, { tags: [...article.tags, tag] });
  return ok(changed(article, after, (version) => raise(articleTagged, tagChangeData(after, tag), version)));
}

export function removeTag(article: Article, tagName: string): Result<ArticleChange, AppError> {
  if (article.status === 'DELETED') return err(blogErrors.articleDeleted(article.id));
  const tag = article.tags.find((carried) => tagKey(carried.name) === tagKey(tagName));
  if (tag === undefined) return err(blogErrors.tagNotOnArticle(article.id, tagName));
  const after = next(article, { tags: article.tags.filter((carried) => carried.id !== tag.id) });
  return ok(changed(article, after, (version) => raise(articleUntagged, tagChangeData(after, tag), version)));
}
