import { describe, expect, it } from 'vitest';
import { articleStatuses, type Article, type ArticleChange } from './article.ts';
import { operationFor } from './article-status.ts';
import { addTag, applyStatusOperation, newArticle, removeTag, saveDraft } from './article-transitions.ts';

const T0 = Date.UTC(2025, 2, 20, 11, 52, 56, 123);
const complete = { title: 'Hello', body: '# Body', thumbnailUrl: 'https://example.com/a.png' };

const valueOf = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);
const eventsOf = (change: ArticleChange) => change.events.map((event) => [event.definition.type.split('.')[3], event.aggregateVersion]);

const draftWith = (fields = complete): Article => valueOf(saveDraft(newArticle(7, T0).after, fields)).after;
const inStatus = (status: Article['status']): Article => ({ ...draftWith(), status });

describe('the article aggregate', () => {
  it('starts as an empty DRAFT at version 1 and raises created', () => {
    const change = newArticle(7, T0);
    expect(change.after).toMatchObject({ id: 7, status: 'DRAFT', draft: { title: '', body: '', thumbnailUrl: '' }, tags: [], version: 1, publishedAt: null });
    expect(change.events[0]?.data).toEqual({ articleId: 7, createdAt: '2025-03-20T11:52:56.123Z' });
    expect(eventsOf(change)).toEqual([['created', 1]]);
  });

  it.each([
    ['DRAFT', 'PUBLISHED', 'publish'],
    ['PUBLISHED', 'PUBLISHED', 'publish'],
    ['PUBLISHED', 'DRAFT', 'unpublish'],
    ['DRAFT', 'DELETED', 'delete'],
    ['PUBLISHED', 'DELETED', 'delete'],
    ['DELETED', 'DRAFT', 'restore'],
  ] as const)('maps %s → %s to %s', (asIs, toBe, operation) => {
    expect(operationFor(asIs, toBe)).toEqual({ ok: true, value: operation });
  });

  it('refuses every other pair with INVALID_TRANSITION', () => {
    const valid = new Set(['DRAFT>PUBLISHED', 'PUBLISHED>PUBLISHED', 'PUBLISHED>DRAFT', 'DRAFT>DELETED', 'PUBLISHED>DELETED', 'DELETED>DRAFT']);
    for (const asIs of articleStatuses) {
      for (const toBe of articleStatuses) {
        if (!valid.has(`${asIs}>${toBe}`)) expect(codeOf(operationFor(asIs, toBe))).toBe('INVALID_TRANSITION');
      }
    }
  });

  it('checks each operation against the stored status, not the asserted one (409 otherwise)', () => {
    expect(codeOf(applyStatusOperation(inStatus('DELETED'), 'publish', T0))).toBe('STATE_CONFLICT');
    expect(codeOf(applyStatusOperation(inStatus('DRAFT'), 'unpublish', T0))).toBe('STATE_CONFLICT');
    expect(codeOf(applyStatusOperation(inStatus('DELETED'), 'delete', T0))).toBe('STATE_CONFLICT');
    expect(codeOf(applyStatusOperation(inStatus('DRAFT'), 'restore', T0))).toBe('STATE_CONFLICT');
  });

  it('publishes only a complete draft, copying it, and keeps the first publishedAt on republish', () => {
    expect(codeOf(applyStatusOperation(draftWith({ ...complete, thumbnailUrl: ' ' }), 'publish', T0))).toBe('STATE_CONFLICT');
    const first = valueOf(applyStatusOperation(draftWith(), 'publish', T0));
    expect(first.after).toMatchObject({ status: 'PUBLISHED', published: complete, publishedAt: T0, lastPublishedAt: T0, version: 3 });
    expect(first.events[0]?.data).toMatchObject({ articleId: 7, ...complete, tags: [], publishedAt: '2025-03-20T11:52:56.123Z' });
    const edited = valueOf(saveDraft(first.after, { title: 'New' })).after;
    expect(edited.published.title).toBe('Hello');
    const again = valueOf(applyStatusOperation(edited, 'publish', T0 + 1000));
    expect(again.after).toMatchObject({ published: { title: 'New' }, publishedAt: T0, lastPublishedAt: T0 + 1000 });
    expect(eventsOf(again)).toEqual([['published', 5]]);
  });

  it('lets a DRAFT take any draft but keeps a PUBLISHED draft complete, and a DELETED one unchanged', () => {
    expect(codeOf(saveDraft(draftWith(), { thumbnailUrl: '' }))).toBe('OK');
    const live = valueOf(applyStatusOperation(draftWith(), 'publish', T0)).after;
    expect(codeOf(saveDraft(live, { body: '  ' }))).toBe('STATE_CONFLICT');
    expect(codeOf(saveDraft(inStatus('DELETED'), { title: 'x' }))).toBe('STATE_CONFLICT');
    expect(codeOf(saveDraft(draftWith(), { title: 'x'.repeat(101) }))).toBe('VALIDATION_FAILED');
    expect(codeOf(saveDraft(draftWith(), { title: '한'.repeat(100) }))).toBe('OK');
  });

  it('tags once, carries the published copy in tag events of a published article, and untags by name in any case', () => {
    const kotlin = { id: 11, name: 'Kotlin' };
    const live = valueOf(applyStatusOperation(draftWith(), 'publish', T0)).after;
    const tagged = valueOf(addTag(live, kotlin));
    expect(tagged.events[0]?.data).toMatchObject({ tag: kotlin, tags: [kotlin], published: true, publishedCopy: { title: 'Hello', lastPublishedAt: '2025-03-20T11:52:56.123Z' } });
    expect(valueOf(addTag(tagged.after, kotlin)).events).toEqual([]);
    const untagged = valueOf(removeTag(tagged.after, 'kotlin'));
    expect(untagged.after.tags).toEqual([]);
    expect(untagged.events[0]?.data).toMatchObject({ tag: kotlin, tags: [], published: true });
    expect(codeOf(removeTag(untagged.after, 'kotlin'))).toBe('NOT_FOUND');
    expect(valueOf(addTag(draftWith(), kotlin)).events[0]?.data).toEqual({ articleId: 7, tag: kotlin, tags: [kotlin], published: false });
    expect(codeOf(addTag(inStatus('DELETED'), kotlin))).toBe('STATE_CONFLICT');
  });

  it('drops the taggings on delete and does not bring them back on restore', () => {
    const tagged = valueOf(addTag(draftWith(), { id: 11, name: 'kotlin' })).after;
    const deleted = valueOf(applyStatusOperation(tagged, 'delete', T0));
    expect(deleted.after).toMatchObject({ status: 'DELETED', tags: [] });
    const restored = valueOf(applyStatusOperation(deleted.after, 'restore', T0));
    expect(restored.after).toMatchObject({ status: 'DRAFT', tags: [] });
    expect(eventsOf(restored)).toEqual([['restored', deleted.after.version + 1]]);
  });
});
