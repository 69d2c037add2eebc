import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_users')
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('email', 'varchar(320)', (column) => column.notNull().unique())
    .addColumn('nick_name', 'varchar(255)', (column) => column.notNull())
    .addColumn('pic_url', 'varchar(2048)')
    .addColumn('roles', 'varchar(32)', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('auth_token_families')
    .addColumn('fid', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('user_id', 'bigint', (column) => column.notNull())
    .addColumn('current_hash', 'char(64)', (column) => column.notNull())
    .addColumn('previous_hash', 'char(64)')
    .addColumn('rotated_at', 'bigint')
    .addColumn('sealed_pair', 'text')
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('auth_token_families_expires_at').on('auth_token_families').column('expires_at').execute();
}
