import type { PlatformTables } from '../../platform/database/database.ts';

/**
 * The auth context's tables. Times are epoch milliseconds, like every pilog table: one integer type both dialects
 * store and compare alike.
 */
export interface AuthUsersTable {
  id: number;
  /** Lower-cased; unique. */
  email: string;
  nick_name: string;
  pic_url: string | null;
  /** Primary role first, comma-separated: `ADMIN` or `USER`. */
  roles: string;
  created_at: number;
  updated_at: number;
}

/** Used by the embedded profile; the services profile keeps families in Redis. */
export interface AuthTokenFamiliesTable {
  fid: string;
  user_id: number;
  current_hash: string;
  previous_hash: string | null;
  rotated_at: number | null;
  sealed_pair: string | null;
  expires_at: number;
}

export type AuthTables = {
  auth_users: AuthUsersTable;
  auth_token_families: AuthTokenFamiliesTable;
};

/** What the auth context's adapters query: its tables, and the outbox its writes append to in the same transaction. */
export type AuthDatabase = PlatformTables & AuthTables;
