import type { Redis } from 'ioredis';
import { unlessRedisFails } from '../../platform/redis/redis-client.ts';
import type { TokenFamily } from '../domain/token-family.ts';
import type { Rotation, TokenFamilyStore } from '../ports/token-family-store.port.ts';

/** Compare-and-set in one script, so two instances rotating one family at once make exactly one rotation. */
const ROTATE = `
if redis.call('HGET', KEYS[1], 'current') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'current', ARGV[2], 'previous', ARGV[1], 'rotatedAt', ARGV[3], 'sealed', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
`;

/**
 * One hash per family under `<prefix>:<fid>`, expiring with the refresh token's lifetime. Redis down or hung fails
 * closed: the caller's 503, never a session decided without the store.
 */
export function createRedisTokenFamilyStore(redis: Redis, prefix = 'pilog:auth:family'): TokenFamilyStore {
  const keyOf = (fid: string) => `${prefix}:${fid}`;
  const answered = <T>(command: Promise<T>): Promise<T> => unlessRedisFails('the session store', command);
  return {
    async create(family, ttlSeconds) {
      await answered(redis.multi().hset(keyOf(family.fid), { userId: String(family.userId), current: family.currentHash }).expire(keyOf(family.fid), ttlSeconds).exec());
    },

    async find(fid): Promise<TokenFamily | null> {
      const fields = await answered(redis.hgetall(keyOf(fid)));
      if (fields.current === undefined || fields.userId === undefined) return null;
      return {
        fid,
        userId: Number(fields.userId),
        currentHash: fields.current,
        previousHash: fields.previous ?? null,
        rotatedAt: fields.rotatedAt === undefined ? null : Number(fields.rotatedAt),
        sealedPair: fields.sealed ?? null,
      };
    },

    async rotate(fid, rotation: Rotation, ttlSeconds) {
      const done = await answered(redis.eval(ROTATE, 1, keyOf(fid), rotation.expectedHash, rotation.newHash, String(rotation.at), rotation.sealedPair, String(ttlSeconds)));
      return Number(done) === 1;
    },

    async revoke(fid) {
      await answered(redis.del(keyOf(fid)));
    },
  };
}
