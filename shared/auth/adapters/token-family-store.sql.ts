import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import type { TokenFamilyStore } from '../ports/token-family-store.port.ts';
import type { AuthDatabase } from './auth-tables.ts';

/**
 * Token families in the SQL database (the embedded profile's SQLite). The compare-and-set is one conditional
 * UPDATE, atomic in any SQL engine. Expired rows are invisible and are swept when a family is created.
 */
export function createSqlTokenFamilyStore(db: Kysely<AuthDatabase>, clock: Clock): TokenFamilyStore {
  const expiry = (ttlSeconds: number) => clock.now() + ttlSeconds * 1000;
  return {
    async create(family, ttlSeconds) {
      await db.deleteFrom('auth_token_families').where('expires_at', '<=', clock.now()).execute();
      await db
        .insertInto('auth_token_families')
        .values({ fid: family.fid, user_id: family.userId, current_hash: family.currentHash, previous_hash: null, rotated_at: null, sealed_pair: null, expires_at: expiry(ttlSeconds) })
        .execute();
    },

    async find(fid) {
      const row = await db.selectFrom('auth_token_families').selectAll().where('fid', '=', fid).where('expires_at', '>', clock.now()).executeTakeFirst();
      if (!row) return null;
      return {
        fid: row.fid,
        userId: Number(row.user_id),
        currentHash: row.current_hash,
        previousHash: row.previous_hash,
        rotatedAt: row.rotated_at === null ? null : Number(row.rotated_at),
        sealedPair: row.sealed_pair,
      };
    },

    async rotate(fid, rotation, ttlSeconds) {
      const result = await db
        .updateTable('auth_token_families')
        .set({ current_hash: rotation.newHash, previous_hash: rotation.expectedHash, rotated_at: rotation.at, sealed_pair: rotation.sealedPair, expires_at: expiry(ttlSeconds) })
        .where('fid', '=', fid)
        .where('current_hash', '=', rotation.expectedHash)
        .where('expires_at', '>', clock.now())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async revoke(fid) {
      await db.deleteFrom('auth_token_families').where('fid', '=', fid).execute();
    },
  };
}
