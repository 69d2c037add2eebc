import { describe, expect, it } from 'vitest';
import { memoTitle, searchable, sequenceOf } from './memo.ts';
import { checkReferences } from './references.ts';

describe('memo values', () => {
  it('store a blank title as "untitled" and refuse one over 100 characters (code points)', () => {
    expect(memoTitle('  ')).toEqual({ ok: true, value: 'untitled' });
    expect(memoTitle('제목')).toEqual({ ok: true, value: '제목' });
    expect(memoTitle('😀'.repeat(100)).ok).toBe(true);
    expect(memoTitle('a'.repeat(101))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('take any sequence of 1..255 characters as it is', () => {
    expect(sequenceOf('0|hzzzzz:')).toEqual({ ok: true, value: '0|hzzzzz:' });
    expect(sequenceOf('').ok).toBe(false);
    expect(sequenceOf('x'.repeat(256)).ok).toBe(false);
  });

  it('match text in one lower-cased form, Unicode included', () => {
    expect(searchable('ÉCOLE Kotlin 코틀린')).toBe('école kotlin 코틀린');
  });
});

describe('reference rules', () => {
  const memo = { id: 1, authorId: 10, folderId: null, title: 't', sequence: 's', version: 1 };
  const mine = (id: number) => ({ ...memo, id });
  const targets = new Map([2, 3].map((id) => [id, mine(id)] as const)).set(4, { ...mine(4), authorId: 11 });

  it('accept distinct targets of the same author', () => {
    expect(checkReferences(memo, [2, 3, 2], targets, new Set())).toEqual({ ok: true, value: [2, 3] });
    expect(checkReferences(memo, [], targets, new Set())).toEqual({ ok: true, value: [] });
  });

  it('refuse the whole list for one self link, unknown target, foreign target or direct two-way cycle', () => {
    expect(checkReferences(memo, [2, 1], targets, new Set())).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(checkReferences(memo, [2, 99], targets, new Set())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(checkReferences(memo, [2, 4], targets, new Set())).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    expect(checkReferences(memo, [2, 3], targets, new Set([3]))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
