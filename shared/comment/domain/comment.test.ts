import { describe, expect, it } from 'vitest';
import { asId } from '../../kernel/id.ts';
import { checkReplyTarget, deletionProof, parseAuthorName, parseContent, parsePassword, type Comment } from './comment.ts';

const comment = (overrides: Partial<Comment> = {}): Comment => ({
  id: asId(10),
  articleId: asId(1),
  parentId: null,
  author: { kind: 'anonymous', name: 'guest', passwordHash: '$argon2id$hash' },
  content: 'hi',
  createdAt: 1000,
  deleted: false,
  ...overrides,
});
const user = (userId: number, role = 'USER') => ({ userId, roles: [role] });
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

describe('comment rules', () => {
  it('takes content of 1..1000 characters, counted by code point, kept as written', () => {
    expect(parseContent('  <b>hi</b>  ')).toEqual({ ok: true, value: '  <b>hi</b>  ' });
    expect(codeOf(parseContent('가'.repeat(1000)))).toBe('ok');
    expect(codeOf(parseContent('😀'.repeat(1000)))).toBe('ok');
    expect(codeOf(parseContent('😀'.repeat(1001)))).toBe('VALIDATION_FAILED');
    expect(codeOf(parseContent(' \n\t'))).toBe('VALIDATION_FAILED');
    expect(codeOf(parseContent(5))).toBe('VALIDATION_FAILED');
  });

  it('takes names of 1..20 characters, trimmed, and passwords of 1..72 bytes', () => {
    expect(parseAuthorName(' 지니아 ')).toEqual({ ok: true, value: '지니아' });
    expect(codeOf(parseAuthorName('n'.repeat(21)))).toBe('VALIDATION_FAILED');
    expect(codeOf(parseAuthorName(''))).toBe('VALIDATION_FAILED');
    expect(codeOf(parsePassword('p'.repeat(72)))).toBe('ok');
    expect(codeOf(parsePassword('가'.repeat(24)))).toBe('ok'); // 72 bytes
    expect(codeOf(parsePassword('가'.repeat(25)))).toBe('VALIDATION_FAILED');
    expect(codeOf(parsePassword(''))).toBe('VALIDATION_FAILED');
    expect(codeOf(parsePassword(null))).toBe('VALIDATION_FAILED');
  });

  it('lets replies answer only live roots of the same article', () => {
    expect(codeOf(checkReplyTarget(comment(), asId(1)))).toBe('ok');
    expect(codeOf(checkReplyTarget(comment(), asId(2)))).toBe('VALIDATION_FAILED');
    expect(codeOf(checkReplyTarget(comment({ parentId: asId(9) }), asId(1)))).toBe('VALIDATION_FAILED');
    expect(codeOf(checkReplyTarget(comment({ deleted: true }), asId(1)))).toBe('VALIDATION_FAILED');
  });

  it('decides how a deletion is proven', () => {
    const registered = comment({ author: { kind: 'registered', userId: 7 } });
    expect(deletionProof(registered, user(99, 'ADMIN'), null)).toEqual({ ok: true, value: { kind: 'allowed' } });
    expect(deletionProof(registered, user(7), 'ignored')).toEqual({ ok: true, value: { kind: 'allowed' } });
    expect(codeOf(deletionProof(registered, user(8), null))).toBe('NOT_OWNER');
    expect(codeOf(deletionProof(registered, null, 'pw'))).toBe('UNAUTHENTICATED');
    expect(deletionProof(comment(), user(99, 'ADMIN'), null)).toEqual({ ok: true, value: { kind: 'allowed' } });
    expect(deletionProof(comment(), null, 'pw')).toEqual({ ok: true, value: { kind: 'password', password: 'pw', hash: '$argon2id$hash' } });
    expect(deletionProof(comment(), user(7), 'pw')).toMatchObject({ ok: true, value: { kind: 'password' } });
    expect(codeOf(deletionProof(comment(), null, null))).toBe('VALIDATION_FAILED');
    expect(codeOf(deletionProof(comment(), user(7), ''))).toBe('VALIDATION_FAILED');
  });
});
