import { Type, type Static } from '@sinclair/typebox';
import type { BlogArticlesTable } from '../../shared/blog/adapters/blog-tables.ts';
import { articleStatuses, TITLE_MAX_LENGTH, type Tag } from '../../shared/blog/domain/article.ts';
import { TAG_NAME_MAX_LENGTH } from '../../shared/blog/domain/tag-name.ts';
import { decode } from '../../shared/platform/schema/decode.ts';
import { Id, idOf, millisOf, Nullable, nullableMillisOf, nullableTimeOf, Time, timeOf } from './site-fields.ts';

const Copy = Type.Object({ title: Type.String({ maxLength: TITLE_MAX_LENGTH }), thumbnail: Type.String(), body: Type.String() }, { additionalProperties: false });
type Copy = Static<typeof Copy>;

const FrontMatter = Type.Object(
  {
    id: Id,
    status: Type.Union(articleStatuses.map((status) => Type.Literal(status))),
    title: Type.String({ maxLength: TITLE_MAX_LENGTH }),
    thumbnail: Type.String(),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: TAG_NAME_MAX_LENGTH }), { uniqueItems: true }),
    createdAt: Time,
    publishedAt: Nullable(Time),
    lastPublishedAt: Nullable(Time),
    updatedAt: Time,
    version: Type.Integer({ minimum: 1 }),
    draft: Type.Optional(Copy),
    published: Type.Optional(Copy),
  },
  { additionalProperties: false },
);

export interface ArticleFile {
  readonly row: BlogArticlesTable;
  /** Tag names in the order they were added, and the line that lists them. */
  readonly tags: readonly string[];
  readonly tagsLine: number;
}

export interface FileProblem {
  readonly line: number;
  readonly message: string;
}

export const articleFileName = (id: number): string => `${id}.md`;

/**
 * An article as Markdown with front matter: the body is the copy readers see (the published one; the draft for a
 * draft), its title and thumbnail in the front matter, and the other copy in full (`draft` or `published`) only
 * when it differs. Each front-matter value is one line of JSON, which is YAML too: any reader takes it, and the
 * bytes never depend on a YAML writer's choices.
 */
export function formatArticle(row: BlogArticlesTable, tags: readonly Tag[]): string {
  const draft: Copy = { title: row.draft_title, thumbnail: row.draft_thumbnail_url, body: row.draft_body };
  const published: Copy = { title: row.published_title, thumbnail: row.published_thumbnail_url, body: row.published_body };
  const [shown, otherName, other] = row.status === 'DRAFT' ? ([draft, 'published', published] as const) : ([published, 'draft', draft] as const);
  const fields: Array<[string, unknown]> = [
    ['id', idOf(row.id)],
    ['status', row.status],
    ['title', shown.title],
    ['thumbnail', shown.thumbnail],
    ['tags', tags.map((tag) => tag.name)],
    ['createdAt', timeOf(row.created_at)],
    ['publishedAt', nullableTimeOf(row.published_at)],
    ['lastPublishedAt', nullableTimeOf(row.last_published_at)],
    ['updatedAt', timeOf(row.updated_at)],
    ['version', Number(row.version)],
  ];
  if (JSON.stringify(other) !== JSON.stringify(shown)) fields.push([otherName, other]);
  return `---\n${fields.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join('\n')}\n---\n${shown.body}\n`;
}

export function parseArticle(text: string): { ok: true; value: ArticleFile } | { ok: false; error: FileProblem } {
  const problem = (line: number, message: string) => ({ ok: false as const, error: { line, message } });
  const lines = text.split('\n');
  if (lines[0] !== '---') return problem(1, 'front matter must start with a line "---"');
  const end = lines.indexOf('---', 1);
  if (end < 0) return problem(1, 'front matter has no closing line "---"');
  if (!text.endsWith('\n')) return problem(lines.length, 'the file must end with a newline');
  const values: Record<string, unknown> = {};
  const lineOf = new Map<string, number>();
  for (let index = 1; index < end; index++) {
    const match = /^([A-Za-z]+): (.+)$/.exec(lines[index] as string);
    if (!match) return problem(index + 1, 'expected "key: <JSON value>"');
    const [, key, json] = match as unknown as [string, string, string];
    if (lineOf.has(key)) return problem(index + 1, `"${key}" appears twice`);
    try {
      values[key] = JSON.parse(json);
    } catch {
      return problem(index + 1, `"${key}" is not a JSON value`);
    }
    lineOf.set(key, index + 1);
  }
  const checked = decode(FrontMatter, values, 'front matter');
  if (!checked.ok) {
    const field = /^front matter\.?([A-Za-z]*)/.exec(checked.error.message)?.[1] ?? '';
    return problem(lineOf.get(field) ?? 1, checked.error.message);
  }
  const matter = checked.value;
  const shown: Copy = { title: matter.title, thumbnail: matter.thumbnail, body: lines.slice(end + 1).join('\n').slice(0, -1) };
  const isDraft = matter.status === 'DRAFT';
  const misplaced = isDraft ? 'draft' : 'published';
  if (matter[misplaced] !== undefined) return problem(lineOf.get(misplaced) as number, `"${misplaced}" is the body's own copy for a ${matter.status} article`);
  const draft = isDraft ? shown : (matter.draft ?? shown);
  const published = isDraft ? (matter.published ?? shown) : shown;
  return {
    ok: true,
    value: {
      tags: matter.tags,
      tagsLine: lineOf.get('tags') as number,
      row: {
        id: matter.id,
        status: matter.status,
        draft_title: draft.title,
        draft_body: draft.body,
        draft_thumbnail_url: draft.thumbnail,
        published_title: published.title,
        published_body: published.body,
        published_thumbnail_url: published.thumbnail,
        created_at: millisOf(matter.createdAt),
        published_at: nullableMillisOf(matter.publishedAt),
        last_published_at: nullableMillisOf(matter.lastPublishedAt),
        updated_at: millisOf(matter.updatedAt),
        version: matter.version,
      },
    },
  };
}
