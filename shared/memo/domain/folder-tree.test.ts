import { describe, expect, it } from 'vitest';
import { buildFolderTree, type TreeSnapshot } from './folder-tree.ts';

const folder = (id: number, parentId: number | null, sequence = '0|hzzzzz:', name = `f${id}`) => ({ id, parentId, name, sequence });
const memo = (id: number, folderId: number | null, sequence = '0|hzzzzz:', title = `m${id}`) => ({ id, folderId, title, sequence });
const snapshot = (parts: Partial<TreeSnapshot>): TreeSnapshot => ({ folders: [], memos: [], references: [], ...parts });

describe('the folder tree', () => {
  it('is only the Uncategorized pseudo-folder for an author with nothing', () => {
    expect(buildFolderTree(snapshot({}))).toEqual([{ id: null, name: 'Uncategorized', parent: null, children: [], memos: [], sequence: null }]);
  });

  it('sorts folders and memos by sequence in code-unit order, ties by id, and puts Uncategorized last', () => {
    const tree = buildFolderTree(
      snapshot({
        folders: [folder(5, null, 'b'), folder(3, null, 'b'), folder(9, null, 'B'), folder(1, null, 'c')],
        memos: [memo(20, null, 'z'), memo(21, null, 'Z'), memo(22, 3, 'a'), memo(10, 3, 'a')],
      }),
    );
    // 'B' (0x42) sorts before 'b' (0x62): plain comparison, never locale-aware.
    expect(tree.map((node) => node.id)).toEqual([9, 3, 5, 1, null]);
    expect(tree.at(-1)?.memos.map((m) => m.id)).toEqual([21, 20]);
    expect(tree[1]?.memos.map((m) => m.id)).toEqual([10, 22]);
  });

  it('gives each child a copy of its parent without children, with the parent chain and memos', () => {
    const [root] = buildFolderTree(snapshot({ folders: [folder(1, null), folder(2, 1), folder(3, 2)], memos: [memo(7, 1)] }));
    const grandchild = root?.children[0]?.children[0];
    expect(grandchild?.id).toBe(3);
    expect(grandchild?.parent).toEqual({
      id: 2,
      name: 'f2',
      children: [],
      memos: [],
      sequence: '0|hzzzzz:',
      parent: { id: 1, name: 'f1', parent: null, children: [], memos: [{ id: 7, title: 'm7', references: [], sequence: '0|hzzzzz:' }], sequence: '0|hzzzzz:' },
    });
  });

  it('lists links with current titles, newest first, and skips a link to a memo that is gone', () => {
    const tree = buildFolderTree(
      snapshot({
        memos: [memo(1, null), memo(2, null, 'a', 'Two'), memo(3, null, 'a', 'Three')],
        references: [
          { memoId: 1, targetId: 2 },
          { memoId: 1, targetId: 99 },
          { memoId: 1, targetId: 3 },
        ],
      }),
    );
    expect(tree.at(-1)?.memos.find((m) => m.id === 1)?.references).toEqual([
      { id: 3, title: 'Three' },
      { id: 2, title: 'Two' },
    ]);
  });

  it('never loses a row pointing at a missing folder, and ends on a loop it did not make', () => {
    const tree = buildFolderTree(snapshot({ folders: [folder(1, 42), folder(5, 6), folder(6, 5)], memos: [memo(7, 43)] }));
    expect(tree.map((node) => node.id)).toEqual([1, null]);
    expect(tree.at(-1)?.memos.map((m) => m.id)).toEqual([7]);
  });
});
