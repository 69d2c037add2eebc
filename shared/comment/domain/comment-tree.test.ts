import { describe, expect, it } from 'vitest';
import { asId } from '../../kernel/id.ts';
import type { Comment } from './comment.ts';
import { commentTree, type CommentWithProfile } from './comment-tree.ts';

let next = 0;
const entry = (overrides: Partial<Comment> & { profile?: CommentWithProfile['profile'] } = {}): CommentWithProfile => {
  const { profile = null, ...fields } = overrides;
  next += 1;
  return {
    comment: { id: asId(next), articleId: asId(1), parentId: null, author: { kind: 'anonymous', name: `g${next}`, passwordHash: 'h' }, content: `c${next}`, createdAt: 1000, deleted: false, ...fields },
    profile,
  };
};

describe('the comment tree', () => {
  it('nests replies under their roots, each level by creation time then id', () => {
    const late = entry({ id: asId(50), createdAt: 3000 });
    const early = entry({ id: asId(40), createdAt: 1000 });
    const tieLow = entry({ id: asId(41), createdAt: 2000, parentId: asId(40) });
    const tieHigh = entry({ id: asId(42), createdAt: 2000, parentId: asId(40) });
    const first = entry({ id: asId(43), createdAt: 1500, parentId: asId(40) });
    const tree = commentTree([late, tieHigh, early, tieLow, first]);
    expect(tree.map((root) => [root.id, root.children.map((child) => child.id)])).toEqual([
      [40, [43, 41, 42]],
      [50, []],
    ]);
  });

  it('blanks deleted content but keeps the comment, its author and its replies', () => {
    const root = entry({ id: asId(60), deleted: true, content: 'secret words' });
    const reply = entry({ id: asId(61), parentId: asId(60), createdAt: 2000 });
    const [view] = commentTree([root, reply]);
    expect(view).toMatchObject({ id: 60, content: '', deleted: true, nickname: 'g' + String(next - 1), authorId: null, profileImageUrl: null });
    expect(view?.children.map((child) => child.id)).toEqual([61]);
  });

  it("shows a registered author's current profile, or UNKNOWN while there is none", () => {
    const known = entry({ author: { kind: 'registered', userId: 7 }, profile: { nickName: 'Jinia', picUrl: 'https://lh3.googleusercontent.com/p' } });
    const unknown = entry({ author: { kind: 'registered', userId: 8 }, createdAt: 2000 });
    expect(commentTree([known, unknown]).map(({ nickname, authorId, profileImageUrl }) => ({ nickname, authorId, profileImageUrl }))).toEqual([
      { nickname: 'Jinia', authorId: 7, profileImageUrl: 'https://lh3.googleusercontent.com/p' },
      { nickname: 'UNKNOWN', authorId: 8, profileImageUrl: null },
    ]);
  });

  it('writes times as ISO-8601 UTC with milliseconds', () => {
    expect(commentTree([entry({ createdAt: Date.UTC(2025, 2, 20, 11, 52, 0, 5) })])[0]?.createdAt).toBe('2025-03-20T11:52:00.005Z');
  });
});
