import { describe, expect, it } from 'vitest';
import { decodeSnowflake } from '../../kernel/snowflake.ts';
import { UnavailableError } from '../../kernel/app-error.ts';
import { createLogger } from '../logging/logger.ts';
import { openProcessIds } from './process-ids.ts';
import { EMBEDDED_WORKER_ID } from './worker-ids.ts';

const logger = createLogger({ sink: { write: () => {} } });
const redisUrl = process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('openProcessIds', () => {
  it('embedded: the one process mints with its fixed worker id, no Redis', async () => {
    const { ids, release } = await openProcessIds({ profile: 'embedded', redisUrl: '' }, logger);
    expect(decodeSnowflake(ids.next()).workerId).toBe(EMBEDDED_WORKER_ID);
    await release();
  });

  it('services: the functions of one process share one generator and one lease; the last release gives it back', async () => {
    const [blog, memo] = await Promise.all([openProcessIds({ profile: 'services', redisUrl }, logger), openProcessIds({ profile: 'services', redisUrl }, logger)]);
    expect(blog.ids).toBe(memo.ids);
    const ids = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? blog : memo).ids.next());
    expect(new Set(ids).size).toBe(200);
    expect(new Set(ids.map((id) => decodeSnowflake(id).workerId)).size).toBe(1);

    await blog.release();
    await blog.release();
    expect(() => memo.ids.next(), 'one user left: the lease is kept').not.toThrow();
    await memo.release();
    expect(() => memo.ids.next()).toThrow(UnavailableError);
  });
});
