import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { deadLetterTopicOf, defineEvent, raise } from './event-definition.ts';

const articlePublished = defineEvent({
  context: 'blog',
  aggregate: 'article',
  event: 'published',
  version: 2,
  data: Type.Object({ articleId: Type.Number(), title: Type.String() }),
  aggregateId: (data) => String(data.articleId),
});

describe('an event definition', () => {
  it('derives type, source, topic and aggregate type from its names', () => {
    expect(articlePublished).toMatchObject({
      type: 'pilog.blog.article.published.v2',
      source: '/pilog/blog',
      topic: 'pilog.blog.article',
      aggregateType: 'article',
      version: 2,
    });
  });

  it('reads the aggregate id, the partition key, from the data', () => {
    expect(articlePublished.aggregateIdOf({ articleId: 42, title: 't' })).toBe('42');
  });

  it('refuses names that would make a bad type or topic', () => {
    const spec = { context: 'blog', aggregate: 'article', event: 'published', version: 1, data: Type.Object({}), aggregateId: () => 'x' };
    expect(() => defineEvent({ ...spec, context: 'Blog' })).toThrow(/context "Blog"/);
    expect(() => defineEvent({ ...spec, aggregate: 'article.draft' })).toThrow(/aggregate/);
    expect(() => defineEvent({ ...spec, event: '' })).toThrow(/event ""/);
    expect(() => defineEvent({ ...spec, version: 0 })).toThrow(/version/);
  });

  it('is raised with its data and the aggregate version after the change', () => {
    expect(raise(articlePublished, { articleId: 1, title: 'hello' }, 7)).toEqual({
      definition: articlePublished,
      data: { articleId: 1, title: 'hello' },
      aggregateVersion: 7,
    });
  });
});

describe('the dead-letter convention', () => {
  it('gives each consuming function a dead-letter topic of its own', () => {
    expect(deadLetterTopicOf('search-index-articles')).toBe('pilog.dead-letter.search-index-articles');
  });
});
