import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/platform/config/load-config.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { manifest } from './function.ts';
import { loadFunction } from '../function-modules.ts';

const logger = createLogger({ sink: { write: () => {} } });
const production = {
  PILOG_PROFILE: 'services',
  NODE_ENV: 'production',
  PILOG_JWT_SECRET: 'p'.repeat(32),
  PILOG_OIDC_CLIENT_ID: 'id',
  PILOG_OIDC_CLIENT_SECRET: 'secret',
  PILOG_MYSQL_URL: 'mysql://root@127.0.0.1:3306/none',
  PILOG_REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('starting auth-manage-session', () => {
  it('fails in production with the development identity provider enabled, naming the key', async () => {
    const start = (await loadFunction(manifest)).start({ logger, env: { ...production, PILOG_DEV_IDP: 'true' } });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow('PILOG_DEV_IDP cannot be enabled in production');
  });

  it('fails in the services profile without a JWT secret', async () => {
    await expect((await loadFunction(manifest)).start({ logger, env: { ...production, PILOG_JWT_SECRET: undefined } })).rejects.toThrow('PILOG_JWT_SECRET is required');
  });
});
