import { hash } from '@node-rs/bcrypt';
import { createConnection, type Connection } from 'mysql2/promise';
import { SNOWFLAKE_EPOCH } from '../../../shared/kernel/snowflake.ts';
import { seededRandom, type SeededRandom } from '../../../shared/platform/testing/seeded-random.ts';
import { sourceSchemaName, sourceSchemaStatements } from './source-schema.ts';

/**
 * A realistic Jinia's Log to move in: Korean text with emoji, published, draft and deleted articles with tags, deep
 * folder trees with memos and links, comment trees with guests' real bcrypt hashes, and a few bad rows of each
 * kind the import must report and skip. Times are wall-clock text in the source zone (KST), as Hibernate writes.
 */
export interface GeneratedSource {
  readonly adminId: number;
  /** An article whose time is known: 2024-03-10 09:00:00 KST. */
  readonly knownArticle: { id: number; createdAtUtc: string };
  /** A guest comment made before the move, with the password its bcrypt hash was made from. */
  readonly guestComment: { id: number; articleId: number; password: string };
  readonly memoWithBacklink: { memoId: number; referencedBy: number };
}

const WORDS = ['안녕하세요', '블로그', '개발', '코틀린', '스프링', '타입스크립트', '서버리스', '쿠버네티스', '라즈베리파이', '데이터베이스', '함수', '이벤트', '검색', '메모', '글쓰기', '오늘', '정리', 'Kafka', 'Redis', 'MySQL', '🚀', '😀', '🔥', '✨', '☕'];
const TAGS = ['개발', '회고', 'Kotlin', 'Spring', 'TypeScript', 'k3s', 'Knative', '독서', '여행', '일상', '🍺맥주', 'DDD', 'CQRS', 'Kafka', 'Redis', 'MySQL', '테스트', '배포', '알고리즘', '라즈베리파이'];
const PASSWORDS = ['비밀번호1', 'guest-pw', 'hunter2', '1234', 'p@ss🔑', 'qwerty', 'letmein', '안녕'];
const BASE = Date.UTC(2022, 6, 1);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Wall-clock text of `utcMillis` in KST (+09:00), microseconds as Hibernate's DATETIME(6) keeps them. */
const kst = (utcMillis: number): string => {
  const d = new Date(utcMillis + 9 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
};
const ZERO_DATE = '0000-00-00 00:00:00';

function snowflakes() {
  let sequence = 0;
  return (utcMillis: number) => (utcMillis - SNOWFLAKE_EPOCH) * 4096 + 7 * 32 + (sequence++ % 32);
}

const sentence = (random: SeededRandom, words: number) => Array.from({ length: words }, () => random.pick(WORDS)).join(' ');
const markdown = (random: SeededRandom) =>
  [`# ${sentence(random, 3)}`, sentence(random, 20), `## ${sentence(random, 2)}`, `- ${sentence(random, 5)}\n- ${sentence(random, 4)}`, '```ts\nconst pilog = "블로그";\n```', sentence(random, 30)].join('\n\n');

async function insert(connection: Connection, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await connection.query(`INSERT INTO ${table} (${columns.map((column) => `\`${column}\``).join(', ')}) VALUES ?`, [rows.slice(start, start + 500)]);
  }
}

export async function generateSource(serverUrl: string, prefix: string, options: { articles: number; seed?: number }): Promise<GeneratedSource> {
  const random = seededRandom(options.seed ?? 17);
  const connection = await createConnection({ uri: serverUrl, multipleStatements: false });
  try {
    for (const statement of sourceSchemaStatements(prefix)) await connection.query(statement);
    // A zero date is what a broken row of an old MySQL holds; let this session write one.
    await connection.query("SET SESSION sql_mode = ''");
    const table = (context: 'blog' | 'memo' | 'comment' | 'user', name: string) => `\`${sourceSchemaName(prefix, context)}\`.\`${name}\``;
    let clock = BASE;
    const tick = (ms = 60_000 + random.int(3_600_000)) => (clock += ms);
    const idAt = snowflakes();

    // Users: an admin, three users, one without an email and one with a zero date.
    const users = [['admin@jiniaslog.co.kr', '지니아', 'ADMIN'], ['reader1@example.com', '독자하나 😀', 'USER'], ['reader2@example.com', 'reader two', 'USER'], ['reader3@example.com', '세번째', 'USER,ADMIN'], [null, '이메일없음', 'USER'], ['broken@example.com', '깨진날짜', 'USER']];
    const userRows = users.map(([email, nick, roles], index) => {
      const at = tick();
      return [idAt(at), email, nick, roles, `https://avatars.example.com/${index}.png`, index === 5 ? ZERO_DATE : kst(at), kst(at)];
    });
    await insert(connection, table('user', 'users'), ['id', 'email', 'nickName', 'roles', 'picUrl', 'created_at', 'updated_at'], userRows);
    const adminId = userRows[0]?.[0] as number;
    const readers = userRows.slice(1, 4).map((row) => row[0] as number);

    // Tags: twenty good ones and one too long.
    const tagRows = [...TAGS, '이름이너무길어서스무자를훌쩍넘어가는태그입니다'].map((name) => {
      const at = tick();
      return [idAt(at), name, kst(at), kst(at)];
    });
    await insert(connection, table('blog', 'Tag'), ['tag_id', 'tag_name', 'created_at', 'updated_at'], tagRows);
    const tagIds = tagRows.map((row) => row[0] as number);

    // Articles: mostly published, some drafts and deleted; one with an unknown status, one with a zero date.
    const articleRows: unknown[][] = [];
    const knownAt = Date.UTC(2024, 2, 10, 0, 0, 0);
    for (let index = 0; index < options.articles + 2; index++) {
      const at = index === 0 ? knownAt : tick(20_000 + random.int(1_200_000));
      const roll = random.next();
      const status = index === options.articles ? 'HIDDEN' : index === 0 || roll < 0.8 ? 'PUBLISHED' : roll < 0.95 ? 'DRAFT' : 'DELETED';
      const title = `${sentence(random, 2)} ${index}`;
      const body = markdown(random);
      const thumbnail = `https://raw.githubusercontent.com/jinia91/blogAssets/main/images/${index}.png`;
      const editing = random.chance(0.1);
      articleRows.push([
        idAt(at), adminId, random.int(5), status, null,
        status === 'DRAFT' && random.chance(0.5) ? '' : title, status === 'DRAFT' && random.chance(0.5) ? '' : body, thumbnail,
        editing ? `${title} (수정 중 ✍️)` : title, editing ? `${body}\n\n추가 문단` : body, thumbnail,
        random.int(10_000), index === options.articles + 1 ? ZERO_DATE : kst(at), kst(at + random.int(86_400_000)),
      ]);
    }
    await insert(connection, table('blog', 'Article'), ['id', 'author_id', 'category_id', 'status', 'memo_ref_id', 'title', 'contents', 'thumbnail_url', 'draft_title', 'draft_contents', 'draft_thumbnail_url', 'hit', 'created_at', 'updated_at'], articleRows);
    const articleIds = articleRows.map((row) => row[0] as number);

    // Taggings: up to three distinct tags each, some pairs twice, some to a tag that does not exist or an article that does not.
    const taggingRows: unknown[][] = [];
    let taggingId = 1;
    for (const articleId of articleIds) {
      const chosen = new Set(Array.from({ length: random.int(4) }, () => random.pick(tagIds)));
      for (const tagId of chosen) taggingRows.push([taggingId++, articleId, tagId]);
      if (random.chance(0.005)) taggingRows.push([taggingId++, articleId, [...chosen][0] ?? tagIds[0]]);
      if (random.chance(0.003)) taggingRows.push([taggingId++, articleId, 999_999]);
    }
    taggingRows.push([taggingId++, 123_456, tagIds[0]], [taggingId++, 123_457, tagIds[1]]);
    await insert(connection, table('blog', 'Tagging'), ['id', 'article_id', 'tag_tag_id'], taggingRows);

    // Folders: per author a deep chain with branches; an orphan subtree, a parent cycle and a zero date.
    const folderRows: unknown[][] = [];
    const folder = (authorId: number, parentId: number | null, name: string, createdAt = kst(tick())) => {
      const id = idAt(tick());
      folderRows.push([id, name, authorId, parentId, `0|h${folderRows.length}:`, createdAt, createdAt]);
      return id;
    };
    const foldersOf = new Map<number, number[]>();
    for (const authorId of [adminId, ...readers]) {
      const held: number[] = [];
      let parent: number | null = null;
      for (let depth = 0; depth < (authorId === adminId ? 10 : 4); depth++) held.push((parent = folder(authorId, parent, `${random.pick(WORDS)} ${depth}단계`)));
      held.push(folder(authorId, held[1] ?? null, '곁가지 📁'), folder(authorId, null, '두번째 뿌리'));
      foldersOf.set(authorId, held);
    }
    const orphan = folder(adminId, 424_242, '부모가 사라진 폴더');
    folder(adminId, folder(adminId, orphan, '고아 아래'), '고아 아래 아래');
    const cycleA = idAt(tick());
    const cycleB = idAt(tick());
    folderRows.push([cycleA, '순환 A', adminId, cycleB, '0|a:', kst(clock), kst(clock)], [cycleB, '순환 B', adminId, cycleA, '0|b:', kst(clock), kst(clock)]);
    folder(adminId, null, '날짜가 깨진 폴더', ZERO_DATE);
    await insert(connection, table('memo', 'folder'), ['id', 'name', 'author_id', 'parent_id', 'sequence', 'created_at', 'updated_at'], folderRows);

    // Memos in those folders (and uncategorized); one in a folder that is gone, one in the orphan, one with a zero date.
    const memoRows: unknown[][] = [];
    const memo = (authorId: number, folderId: number | null, createdAt?: string) => {
      const at = tick();
      const id = idAt(at);
      memoRows.push([id, authorId, random.chance(0.1) ? '' : sentence(random, 3), `${sentence(random, 40)}\n\n[[링크]] ${random.pick(WORDS)}`, folderId, `0|m${memoRows.length}:`, createdAt ?? kst(at), kst(at)]);
      return id;
    };
    const memosOf = new Map<number, number[]>();
    for (const [authorId, folders] of foldersOf) {
      const count = authorId === adminId ? 40 : 10;
      memosOf.set(authorId, Array.from({ length: count }, () => memo(authorId, random.chance(0.2) ? null : random.pick(folders))));
    }
    memo(adminId, 555_555);
    memo(adminId, orphan);
    memo(adminId, null, ZERO_DATE);
    await insert(connection, table('memo', 'memo'), ['id', 'author_id', 'title', 'content', 'parent_folder_id', 'sequence', 'created_at', 'updated_at'], memoRows);

    // References between one author's memos; a pair twice, a self link, links to a missing memo.
    const adminMemos = memosOf.get(adminId) as number[];
    const referenceRows: unknown[][] = [];
    for (let index = 0; index < 55; index++) {
      const from = adminMemos[index % adminMemos.length] as number;
      const to = adminMemos[(index * 7 + 3) % adminMemos.length] as number;
      if (from !== to && !referenceRows.some((row) => row[0] === from && row[2] === to)) referenceRows.push([from, from, to]);
    }
    const readerMemos = memosOf.get(readers[0] as number) as number[];
    referenceRows.push([readerMemos[0], readerMemos[0], readerMemos[1]]);
    const memoWithBacklink = { memoId: referenceRows[0]?.[2] as number, referencedBy: referenceRows[0]?.[0] as number };
    referenceRows.push(referenceRows[0] as unknown[], referenceRows[1] as unknown[], [adminMemos[0], adminMemos[0], adminMemos[0]], [adminMemos[2], adminMemos[2], 777_777], [888_888, 888_888, adminMemos[3]]);
    await insert(connection, table('memo', 'memo_reference'), ['Memo_id', 'root_id', 'reference_id'], referenceRows);

    // Comments: a root on most articles, some replies; guests hold real bcrypt hashes ($2a$, as Spring writes them).
    const hashes = new Map<string, string>();
    for (const password of PASSWORDS) hashes.set(password, (await hash(password, 10)).replace(/^\$2b\$/, '$2a$'));
    const commentRows: unknown[][] = [];
    const roots: Array<[number, number]> = [];
    const comment = (articleId: number, parentId: number | null, overrides: { refType?: string; status?: string } = {}) => {
      const at = tick(5_000 + random.int(600_000));
      const id = idAt(at);
      const guest = random.chance(0.6);
      const password = random.pick(PASSWORDS);
      commentRows.push([
        id, guest ? null : random.pick([adminId, ...readers]), guest ? `손님${random.int(100)}` : null, guest ? hashes.get(password) : null, null,
        articleId, overrides.refType ?? 'ARTICLE', overrides.status ?? (random.chance(0.05) ? 'DELETED' : 'ACTIVE'), parentId, `${sentence(random, 8)} ${random.pick(['👍', '🙏', '감사합니다!', ''])}`, kst(at), kst(at),
      ]);
      return id;
    };
    const published = articleIds.slice(0, options.articles).filter((_, index) => articleRows[index]?.[3] === 'PUBLISHED');
    for (const articleId of articleIds.slice(0, options.articles)) roots.push([comment(articleId, null), articleId]);
    for (let index = 0; index < Math.floor(options.articles / 25); index++) {
      const [rootId, articleId] = random.pick(roots);
      comment(articleId, rootId);
    }
    const guestArticle = published[0] as number;
    const guestCommentId = idAt(tick());
    commentRows.push([guestCommentId, null, '옛손님', hashes.get('guest-pw'), null, guestArticle, 'ARTICLE', 'ACTIVE', null, '이사 오기 전에 남긴 댓글 📦', kst(clock), kst(clock)]);
    comment(guestArticle, null, { refType: 'MEMO' });
    comment(987_654, null);
    comment(guestArticle, 876_543);
    await insert(connection, table('comment', 'Comment'), ['id', 'author_id', 'author_name', 'password', 'profile_image_url', 'ref_id', 'ref_type', 'status', 'parent_id', 'contents', 'created_at', 'updated_at'], commentRows);

    return {
      adminId,
      knownArticle: { id: articleIds[0] as number, createdAtUtc: new Date(knownAt).toISOString() },
      guestComment: { id: guestCommentId, articleId: guestArticle, password: 'guest-pw' },
      memoWithBacklink,
    };
  } finally {
    await connection.end();
  }
}

/** Drops the four source databases. */
export async function dropSource(serverUrl: string, prefix: string): Promise<void> {
  const connection = await createConnection({ uri: serverUrl });
  try {
    for (const context of ['blog', 'memo', 'comment', 'user'] as const) await connection.query(`DROP DATABASE IF EXISTS \`${sourceSchemaName(prefix, context)}\``);
  } finally {
    await connection.end();
  }
}
