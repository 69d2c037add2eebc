import { describe, expect, it } from 'vitest';
import { judgeRefresh, type TokenFamily } from './token-family.ts';

const family: TokenFamily = { fid: 'f', userId: 1, currentHash: 'c', previousHash: 'p', rotatedAt: 10_000, sealedPair: 'sealed' };

describe('judging a presented refresh token', () => {
  it('rotates the current token', () => {
    expect(judgeRefresh(family, 'c', 99_999, 5000)).toBe('rotate');
  });

  it('replays the previous token within the grace window, the window included', () => {
    expect(judgeRefresh(family, 'p', 10_000, 5000)).toBe('replay');
    expect(judgeRefresh(family, 'p', 15_000, 5000)).toBe('replay');
  });

  it('treats the previous token after the window, and any older token, as reuse', () => {
    expect(judgeRefresh(family, 'p', 15_001, 5000)).toBe('reuse');
    expect(judgeRefresh(family, 'older', 10_001, 5000)).toBe('reuse');
    expect(judgeRefresh({ ...family, previousHash: null, rotatedAt: null, sealedPair: null }, 'p', 0, 5000)).toBe('reuse');
  });
});
