import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userProfileChanged } from '../../shared/events/auth-user.events.ts';
import { articlePublished } from '../../shared/events/blog-article.events.ts';
import { openEmptyTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { importJiniaslog } from '../jiniaslog/import-command.ts';
import { createSourceFixture, type SourceFixture } from '../jiniaslog/testing/source-fixture.ts';
import { runExportCommand, runRestoreCommand } from './site-command.ts';
import type { BlogTables } from '../../shared/blog/adapters/blog-tables.ts';

const captured = () => {
  let text = '';
  const stream = new Writable({ write: (chunk, _encoding, done) => void ((text += String(chunk)), done()) });
  return { stream, text: () => text };
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name))).sort();
}

const run = async (command: typeof runExportCommand, dir: string, database: TestDatabase) => {
  const out = captured();
  const progress = captured();
  const code = await command([dir], database.env, out.stream, progress.stream);
  return { code, out: out.text(), progress: progress.text() };
};

let source: SourceFixture;
let workDir: string;
beforeAll(async () => {
  source = await createSourceFixture(40);
  workDir = await mkdtemp(join(tmpdir(), 'pilog-site-'));
}, 60_000);
afterAll(async () => {
  await source?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe.each(['sqlite', 'mysql'] as const)('export → restore → export (%s)', (dialect) => {
  const databases: TestDatabase[] = [];
  const emptyDatabase = async () => {
    const database = await openEmptyTestDatabase(dialect);
    databases.push(database);
    return database;
  };
  let restored: TestDatabase;
  const first = () => join(workDir, dialect, 'first');
  const second = () => join(workDir, dialect, 'second');

  beforeAll(async () => {
    // The seed: an imported Jinia's Log (Korean text, emoji, drafts with editing copies, deleted articles, tags,
    // deep folder trees with links, comment trees with bcrypt hashes and deleted comments, users with roles).
    const seeded = await emptyDatabase();
    await importJiniaslog({ url: source.url, schemaPrefix: source.schemaPrefix, zone: 'Asia/Seoul', dryRun: false, env: seeded.env, progress: captured().stream });
    expect((await run(runExportCommand, first(), seeded)).code).toBe(0);
    restored = await emptyDatabase();
    const restore = await run(runRestoreCommand, first(), restored);
    expect(restore).toMatchObject({ code: 0, progress: expect.stringContaining('[restore] articles 40/40 done') });
  }, 60_000);
  afterAll(async () => {
    for (const database of databases) await database.close();
  });

  it('exports the restored site to the same bytes, file for file', async () => {
    const started = performance.now();
    const again = await run(runExportCommand, second(), restored);
    expect(again.code).toBe(0);
    const names = await filesUnder(first());
    expect(await filesUnder(second())).toEqual(names);
    let bytes = 0;
    for (const name of names) {
      const [before, after] = await Promise.all([readFile(join(first(), name)), readFile(join(second(), name))]);
      expect(after.equals(before), name).toBe(true);
      bytes += before.length;
    }
    expect(names.length).toBe(40 + 7);
    console.info(`[${dialect}] ${names.length} files, ${bytes} bytes byte-identical; second export ${Math.round(performance.now() - started)} ms: ${again.out}`);
  });

  it('holds what a lossless restore needs: both copies, tags, trees, links, hashes and deleted comments', async () => {
    const articles = await Promise.all((await readdir(join(first(), 'articles'))).map((name) => readFile(join(first(), 'articles', name), 'utf8')));
    expect(articles.some((text) => text.includes('status: "DRAFT"'))).toBe(true);
    expect(articles.some((text) => text.includes('status: "DELETED"'))).toBe(true);
    expect(articles.some((text) => /^draft: \{.*수정 중 ✍️/m.test(text))).toBe(true);
    expect(articles.some((text) => /^tags: \["[^"]+",/m.test(text))).toBe(true);
    const lines = async (file: string) => (await readFile(join(first(), file), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const comments = await lines('comments.jsonl');
    expect(comments.some((comment) => String(comment.passwordHash).startsWith('$2a$10$'))).toBe(true);
    expect(comments.some((comment) => comment.deleted === true && typeof comment.deletedAt === 'string')).toBe(true);
    expect(comments.some((comment) => comment.parentId !== null)).toBe(true);
    expect((await lines('folders.jsonl')).filter((folder) => folder.parentId !== null).length).toBeGreaterThan(10);
    expect((await lines('memo-references.jsonl')).length).toBeGreaterThan(10);
    expect((await lines('users.jsonl')).map((user) => user.roles)).toContainEqual(['ADMIN', 'USER']);
  });

  it('queues the events the read models need: a published event per published article, a profile event per user', async () => {
    const events = await restored.db.selectFrom('outbox').select(['type']).execute();
    const published = await restored.db.withTables<BlogTables>().selectFrom('blog_articles').select('id').where('status', '=', 'PUBLISHED').execute();
    expect(events.filter((event) => event.type === articlePublished.type).length).toBe(published.length);
    expect(events.filter((event) => event.type === userProfileChanged.type).length).toBe(4);
  });

  it('refuses a database that is not empty, and bad files with file:line, writing nothing', async () => {
    const full = await run(runRestoreCommand, first(), restored);
    expect(full).toMatchObject({ code: 1, progress: expect.stringMatching(/restore writes only into an empty database.*blog_articles holds 40 rows/) });

    const broken = join(workDir, dialect, 'broken');
    await cp(first(), broken, { recursive: true });
    const memos = (await readFile(join(broken, 'memos.jsonl'), 'utf8')).split('\n');
    memos[2] = (memos[2] as string).replace(/"createdAt":"[^"]+"/, '"createdAt":"yesterday"');
    await writeFile(join(broken, 'memos.jsonl'), memos.join('\n'));
    await writeFile(join(broken, 'comments.jsonl'), `${await readFile(join(broken, 'comments.jsonl'), 'utf8')}{"id":1,\n`);
    const [article] = await readdir(join(broken, 'articles'));
    const text = await readFile(join(broken, 'articles', article as string), 'utf8');
    await writeFile(join(broken, 'articles', article as string), text.replace(/^tags: .*$/m, 'tags: ["없는태그"]'));
    const empty = await emptyDatabase();
    const refused = await run(runRestoreCommand, broken, empty);
    expect(refused.code).toBe(1);
    expect(refused.progress).toMatch(/memos\.jsonl:3: record\.createdAt: /);
    expect(refused.progress).toMatch(new RegExp(`comments\\.jsonl:${lineCount(await readFile(join(first(), 'comments.jsonl'), 'utf8')) + 1}: not a JSON line`));
    expect(refused.progress).toContain(`articles/${article}:6: tags not in tags.jsonl: 없는태그`);
    expect(refused.progress).not.toMatch(/\n\s+at /);
    expect(await empty.db.withTables<BlogTables>().selectFrom('blog_articles').select('id').execute()).toEqual([]);
  });
});

const lineCount = (text: string) => text.trimEnd().split('\n').length;
