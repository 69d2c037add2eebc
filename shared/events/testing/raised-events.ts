import { userProfileChanged } from '../auth-user.events.ts';
import { articleCreated, articleDeleted, articlePublished, articleRestored, articleUnpublished } from '../blog-article.events.ts';
import { raise, type RaisedEvent } from '../event-definition.ts';

const DEFAULT_TIME = '2025-03-20T11:52:56.123Z';

/** Events as the blog and auth contexts raise them, for a consumer's tests to deliver without those contexts. */
export const articlePublishedEvent = (articleId: number, version: number): RaisedEvent =>
  raise(
    articlePublished,
    { articleId, title: `Article ${articleId}`, body: 'body', thumbnailUrl: 'https://github.com/x.png', tags: [], createdAt: DEFAULT_TIME, publishedAt: DEFAULT_TIME, lastPublishedAt: DEFAULT_TIME },
    version,
  );

const lifecycle = { unpublished: articleUnpublished, deleted: articleDeleted, restored: articleRestored } as const;

export const articleLifecycleEvent = (kind: 'created' | keyof typeof lifecycle, articleId: number, version: number): RaisedEvent =>
  kind === 'created' ? raise(articleCreated, { articleId, createdAt: DEFAULT_TIME }, version) : raise(lifecycle[kind], { articleId }, version);

export const profileChangedEvent = (userId: number, nickName: string, picUrl: string | null, version: number): RaisedEvent =>
  raise(userProfileChanged, { userId, nickName, picUrl, roles: ['USER'] }, version);
