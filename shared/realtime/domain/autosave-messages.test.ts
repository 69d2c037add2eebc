import { describe, expect, it } from 'vitest';
import { decodeAutosave } from './autosave-messages.ts';

const decode = (destination: Parameters<typeof decodeAutosave>[0], payload: unknown) =>
  decodeAutosave(destination, typeof payload === 'string' ? payload : JSON.stringify(payload));

describe('autosave messages', () => {
  it('maps the article message back: its `content` is the title and its `title` the body', () => {
    const decoded = decode('/article/updateArticle', { type: 'UpdateArticle', articleId: '12', content: 'Hello', title: '# Body', thumbnailUrl: '' });
    expect(decoded).toEqual({ ok: true, value: { kind: 'draft', articleId: 12, title: 'Hello', body: '# Body', thumbnailUrl: '' } });
  });

  it('takes ids as numbers or numeric strings, references included', () => {
    expect(decode('/memo/updateMemo', { id: 7, title: 'Beta', content: 'b' })).toMatchObject({ ok: true, value: { kind: 'memo', memoId: 7, title: 'Beta', content: 'b' } });
    expect(decode('/memo/updateReferences', { id: '7', references: ['8', 9] })).toEqual({ ok: true, value: { kind: 'references', memoId: 7, references: [8, 9] } });
  });

  it('leaves absent or null parts unchanged', () => {
    expect(decode('/article/updateArticle', { articleId: 3, content: null })).toEqual({
      ok: true,
      value: { kind: 'draft', articleId: 3, title: null, body: undefined, thumbnailUrl: undefined },
    });
    expect(decode('/memo/updateReferences', { id: 3 })).toEqual({ ok: true, value: { kind: 'references', memoId: 3, references: undefined } });
  });

  it('rejects what it cannot read, naming the id when it could read that much', () => {
    const rejected = (destination: Parameters<typeof decodeAutosave>[0], payload: unknown) => {
      const decoded = decode(destination, payload);
      if (decoded.ok) throw new Error('expected a rejection');
      return { id: decoded.error.id, code: decoded.error.error.code };
    };
    expect(rejected('/memo/updateMemo', 'not json')).toEqual({ id: null, code: 'VALIDATION_FAILED' });
    expect(rejected('/memo/updateMemo', '[1]')).toEqual({ id: null, code: 'VALIDATION_FAILED' });
    expect(rejected('/memo/updateMemo', { id: '12a', title: 'x' })).toEqual({ id: null, code: 'VALIDATION_FAILED' });
    expect(rejected('/article/updateArticle', { articleId: 9007199254740992 })).toEqual({ id: null, code: 'VALIDATION_FAILED' });
    expect(rejected('/memo/updateMemo', { id: '5', title: 42 })).toEqual({ id: 5, code: 'VALIDATION_FAILED' });
    expect(rejected('/memo/updateReferences', { id: 5, references: [6, 1.5] })).toEqual({ id: 5, code: 'VALIDATION_FAILED' });
    expect(rejected('/memo/updateReferences', { id: 5, references: '6' })).toEqual({ id: 5, code: 'VALIDATION_FAILED' });
  });
});
