import { parseTagName, tagKey } from '../../shared/blog/domain/tag-name.ts';
import { TableTally } from './import-report.ts';
import { idOf, textOf, type ImportContext } from './import-context.ts';
import { accept, reject, type TableImport } from './table-import.ts';

interface SourceTag {
  tag_id: unknown;
  tag_name: unknown;
  created_at: string | null;
}

interface TagRow {
  id: number;
  name: string;
  name_key: string;
  created_at: number;
}

const fingerprint = (row: { id: unknown; name: string; created_at: unknown }): string => JSON.stringify([Number(row.id), row.name, Number(row.created_at)]);

/**
 * `jiniaslog_blog.Tag` → `blog_tags`. pilog's names are unique case-insensitively where the source's were not: a
 * second spelling is skipped and its taggings go to the first.
 */
export function importTags(context: ImportContext): TableImport<SourceTag, TagRow> {
  const table = context.source.table('blog', 'Tag');
  const byKey = new Map<string, { id: number; name: string }>();
  return {
    tally: new TableTally('tags'),
    count: () => context.source.count(table),
    batches: (size) => context.source.batches<SourceTag & { [key: string]: unknown }>(table, 'tag_id', size),
    check(source) {
      const id = idOf(source.tag_id);
      if (id === null) return reject('tag_id is not a positive integer');
      const name = parseTagName(textOf(source.tag_name));
      if (!name.ok) return reject(`tag name: ${name.error.message}`);
      const createdAt = context.timeOf(source.created_at);
      if (createdAt === null) return reject('created_at is missing or malformed');
      const first = byKey.get(tagKey(name.value));
      if (first) {
        context.tags.set(id, first);
        return reject('same name as another tag but for case (its taggings move there)');
      }
      const tag = { id, name: name.value };
      byKey.set(tagKey(name.value), tag);
      context.tags.set(id, tag);
      return accept({ id, name: name.value, name_key: tagKey(name.value), created_at: createdAt });
    },
    keyOf: (row) => String(row.id),
    async present(db, rows) {
      if (rows.length === 0) return new Set();
      const held = await db
        .selectFrom('blog_tags')
        .select(['id', 'name', 'name_key'])
        .where((eb) => eb.or([eb('id', 'in', rows.map((row) => row.id)), eb('name_key', 'in', rows.map((row) => row.name_key))]))
        .execute();
      // A tag made in pilog before the move keeps its id; the source's taggings go to it.
      const byName = new Map(held.map((row) => [row.name_key, { id: Number(row.id), name: row.name }]));
      for (const row of rows) {
        const pilogTag = byName.get(row.name_key);
        if (pilogTag && pilogTag.id !== row.id) context.tags.set(row.id, pilogTag);
      }
      return new Set(rows.filter((row) => byName.has(row.name_key)).map((row) => String(row.id)));
    },
    async write(trx, rows) {
      await trx.insertInto('blog_tags').values([...rows]).execute();
      return [];
    },
    fingerprint,
    async readBack(db, rows) {
      if (rows.length === 0) return new Map();
      const held = await db.selectFrom('blog_tags').selectAll().where('id', 'in', rows.map((row) => row.id)).execute();
      return new Map(held.map((row) => [String(Number(row.id)), fingerprint(row)]));
    },
  };
}
