import { describe, expect, it } from 'vitest';
import { folderName, subtreeOf, wouldCreateCycle } from './folder.ts';

const folders = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: 1 },
  { id: 5, parentId: null },
];

describe('folders', () => {
  it('find their whole subtree at any depth', () => {
    expect(subtreeOf(1, folders).sort()).toEqual([1, 2, 3, 4]);
    expect(subtreeOf(3, folders)).toEqual([3]);
  });

  it('refuse a parent that is the folder itself or any descendant, however deep', () => {
    expect(wouldCreateCycle(1, 1, folders)).toBe(true);
    expect(wouldCreateCycle(1, 3, folders)).toBe(true);
    expect(wouldCreateCycle(2, 4, folders)).toBe(false);
    expect(wouldCreateCycle(3, 5, folders)).toBe(false);
    expect(wouldCreateCycle(3, null, folders)).toBe(false);
  });

  it('take a non-blank name of at most 255 characters', () => {
    expect(folderName('업무')).toEqual({ ok: true, value: '업무' });
    expect(folderName(' \t').ok).toBe(false);
    expect(folderName('가'.repeat(255)).ok).toBe(true);
    expect(folderName('가'.repeat(256)).ok).toBe(false);
  });
});
