import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { createCatalogue } from './catalogue.ts';
import { defineEvent } from './event-definition.ts';

const data = Type.Object({ id: Type.String() });
const event = (aggregate: string, name: string, version = 1) =>
  defineEvent({ context: 'blog', aggregate, event: name, version, data, aggregateId: (d) => d.id });

describe('the event catalogue', () => {
  it('finds a definition by its type', () => {
    const published = event('article', 'published');
    const catalogue = createCatalogue([published, event('article', 'unpublished')]);
    expect(catalogue.definitionOf('pilog.blog.article.published.v1')).toBe(published);
    expect(catalogue.definitionOf('pilog.blog.article.deleted.v1')).toBeUndefined();
  });

  it('lists each topic once, in order of first use', () => {
    const catalogue = createCatalogue([event('article', 'published'), event('tag', 'renamed'), event('article', 'deleted')]);
    expect(catalogue.topics).toEqual(['pilog.blog.article', 'pilog.blog.tag']);
  });

  it('lets two versions of one event live side by side', () => {
    const catalogue = createCatalogue([event('article', 'published', 1), event('article', 'published', 2)]);
    expect(catalogue.definitions.map((definition) => definition.type)).toEqual(['pilog.blog.article.published.v1', 'pilog.blog.article.published.v2']);
  });

  it('refuses a type defined twice', () => {
    expect(() => createCatalogue([event('article', 'published'), event('article', 'published')])).toThrow(/pilog\.blog\.article\.published\.v1 is defined twice/);
  });
});

describe("pilog's catalogue", () => {
  it('holds the article and user events on one topic per aggregate', async () => {
    const { eventCatalogue } = await import('./catalogue.ts');
    expect(eventCatalogue.topics).toEqual(['pilog.blog.article', 'pilog.auth.user', 'pilog.comment.comment', 'pilog.memo.memo']);
    expect(eventCatalogue.definitionOf('pilog.blog.article.published.v1')?.aggregateIdOf({ articleId: 7 } as never)).toBe('7');
  });
});
