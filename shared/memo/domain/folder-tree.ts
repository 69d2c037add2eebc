/**
 * The folder tree the memo sidebar renders (contract §1.3), built from one author's rows. Pure, so the same code
 * serves the cache and the tests that check the cache against the database.
 */
export interface MemoRef {
  readonly id: number;
  readonly title: string;
}

export interface MemoInfo {
  readonly id: number;
  readonly title: string;
  readonly references: MemoRef[];
  readonly sequence: string;
}

export interface FolderInfo {
  readonly id: number | null;
  readonly name: string;
  /** A copy of the parent's node without its children (its own parent chain and memos included); null at the top. */
  readonly parent: FolderInfo | null;
  children: FolderInfo[];
  readonly memos: MemoInfo[];
  readonly sequence: string | null;
}

export const UNCATEGORIZED_NAME = 'Uncategorized';

export interface TreeSnapshot {
  readonly folders: ReadonlyArray<{ id: number; parentId: number | null; name: string; sequence: string }>;
  readonly memos: ReadonlyArray<{ id: number; folderId: number | null; title: string; sequence: string }>;
  readonly references: ReadonlyArray<{ memoId: number; targetId: number }>;
}

/** Sequence by plain code-unit comparison (never locale-aware), ties by id ascending. */
export const bySequenceThenId = (a: { sequence: string; id: number }, b: { sequence: string; id: number }): number =>
  a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : a.id - b.id;

/** Links are listed newest target first, like every other memo list. */
const byIdDescending = (a: MemoRef, b: MemoRef): number => b.id - a.id;

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * The author's root folders, each with its subtree, then always, last, the "Uncategorized" pseudo-folder holding
 * the memos without a folder (the frontend throws without it). A link to a memo that no longer exists is skipped.
 * A folder or memo pointing at a folder that is not there (never written by pilog) is shown at the top rather
 * than lost.
 */
export function buildFolderTree(snapshot: TreeSnapshot): FolderInfo[] {
  const titles = new Map(snapshot.memos.map((memo) => [memo.id, memo.title]));
  const linksOf = groupBy(snapshot.references, (reference) => reference.memoId);
  const folderIds = new Set(snapshot.folders.map((folder) => folder.id));
  const placedIn = (folderId: number | null): number | null => (folderId !== null && folderIds.has(folderId) ? folderId : null);
  const memosIn = groupBy([...snapshot.memos].sort(bySequenceThenId), (memo) => placedIn(memo.folderId));
  const childrenOf = groupBy([...snapshot.folders].sort(bySequenceThenId), (folder) => placedIn(folder.parentId));

  const memoInfos = (folderId: number | null): MemoInfo[] =>
    (memosIn.get(folderId) ?? []).map((memo) => ({
      id: memo.id,
      title: memo.title,
      references: (linksOf.get(memo.id) ?? [])
        .flatMap(({ targetId }) => {
          const title = titles.get(targetId);
          return title === undefined ? [] : [{ id: targetId, title }];
        })
        .sort(byIdDescending),
      sequence: memo.sequence,
    }));

  const visited = new Set<number>();
  const nodeOf = (folder: TreeSnapshot['folders'][number], parent: FolderInfo | null): FolderInfo => {
    visited.add(folder.id);
    const node: FolderInfo = { id: folder.id, name: folder.name, parent, children: [], memos: memoInfos(folder.id), sequence: folder.sequence };
    const asParent: FolderInfo = { ...node, children: [] };
    node.children = (childrenOf.get(folder.id) ?? []).filter((child) => !visited.has(child.id)).map((child) => nodeOf(child, asParent));
    return node;
  };

  const roots = (childrenOf.get(null) ?? []).map((folder) => nodeOf(folder, null));
  const uncategorized: FolderInfo = { id: null, name: UNCATEGORIZED_NAME, parent: null, children: [], memos: memoInfos(null), sequence: null };
  return [...roots, uncategorized];
}
