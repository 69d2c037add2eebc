/**
 * The Jinia's Log monolith's tables as Hibernate creates them from its public entities (no naming strategy, so the
 * names are the entities' own), written here from the entity fields for the import tests: one MySQL database per
 * context, DATETIME(6) times in the server's local zone, snowflake ids.
 */
export const sourceContexts = ['blog', 'memo', 'comment', 'user'] as const;
export type SourceContext = (typeof sourceContexts)[number];

export const sourceSchemaName = (prefix: string, context: SourceContext): string => `${prefix}jiniaslog_${context}`;

const tables: Readonly<Record<SourceContext, readonly string[]>> = {
  blog: [
    `CREATE TABLE Article (
      id BIGINT NOT NULL PRIMARY KEY,
      author_id BIGINT,
      category_id BIGINT,
      status VARCHAR(255),
      memo_ref_id BIGINT,
      title VARCHAR(255),
      contents LONGTEXT,
      thumbnail_url VARCHAR(255),
      draft_title VARCHAR(255),
      draft_contents LONGTEXT,
      draft_thumbnail_url VARCHAR(255),
      hit BIGINT,
      created_at DATETIME(6),
      updated_at DATETIME(6)
    )`,
    `CREATE TABLE Tag (
      tag_id BIGINT NOT NULL PRIMARY KEY,
      tag_name VARCHAR(255) UNIQUE,
      created_at DATETIME(6),
      updated_at DATETIME(6)
    )`,
    `CREATE TABLE Tagging (
      id BIGINT NOT NULL PRIMARY KEY,
      article_id BIGINT,
      tag_tag_id BIGINT
    )`,
  ],
  memo: [
    `CREATE TABLE folder (
      id BIGINT NOT NULL PRIMARY KEY,
      name VARCHAR(255),
      author_id BIGINT,
      parent_id BIGINT,
      sequence VARCHAR(255),
      created_at DATETIME(6),
      updated_at DATETIME(6)
    )`,
    `CREATE TABLE memo (
      id BIGINT NOT NULL PRIMARY KEY,
      author_id BIGINT,
      title VARCHAR(255),
      content LONGTEXT,
      parent_folder_id BIGINT,
      sequence VARCHAR(255),
      created_at DATETIME(6),
      updated_at DATETIME(6)
    )`,
    `CREATE TABLE memo_reference (
      Memo_id BIGINT NOT NULL,
      root_id BIGINT,
      reference_id BIGINT
    )`,
  ],
  comment: [
    `CREATE TABLE Comment (
      id BIGINT NOT NULL PRIMARY KEY,
      author_id BIGINT,
      author_name VARCHAR(255),
      password VARCHAR(255),
      profile_image_url VARCHAR(255),
      ref_id BIGINT,
      ref_type VARCHAR(255),
      status VARCHAR(255),
      parent_id BIGINT,
      contents LONGTEXT,
      created_at DATETIME(6),
      updated_at DATETIME(6)
    )`,
  ],
  user: [
    `CREATE TABLE users (
      id BIGINT NOT NULL PRIMARY KEY,
      email VARCHAR(255) UNIQUE,
      nickName VARCHAR(255),
      roles VARCHAR(255),
      picUrl VARCHAR(255),
      created_at DATETIME(6),
      updated_at DATETIME(6)
    )`,
  ],
};

/** The statements that create the four source databases (dropped first) under a name prefix. */
export function sourceSchemaStatements(prefix: string): string[] {
  return sourceContexts.flatMap((context) => {
    const schema = sourceSchemaName(prefix, context);
    return [
      `DROP DATABASE IF EXISTS \`${schema}\``,
      `CREATE DATABASE \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      ...tables[context].map((statement) => statement.replace('CREATE TABLE ', `CREATE TABLE \`${schema}\`.`)),
    ];
  });
}
