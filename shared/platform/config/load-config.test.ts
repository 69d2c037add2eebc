import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, settingKeys } from './load-config.ts';
import { flag, integer, list, oneOf, secret, url } from './setting.ts';

const spec = {
  port: integer('PORT', 1, 65535, { default: 8080 }),
  profile: oneOf('PILOG_PROFILE', ['embedded', 'services'], { default: 'embedded' }),
  jwtSecret: secret('PILOG_JWT_SECRET', 32),
  origins: list('PILOG_CORS_ORIGINS', { default: [] }),
  site: url('PILOG_SITE_URL', { default: 'https://example.com' }),
  insecure: flag('PILOG_COOKIE_INSECURE', { default: false }),
};

describe('loadConfig', () => {
  it('decodes values and applies defaults', () => {
    const config = loadConfig(spec, { PILOG_JWT_SECRET: 'x'.repeat(32), PILOG_CORS_ORIGINS: 'a, b,,', PILOG_SITE_URL: 'https://blog.example/', PORT: '9000' });
    expect(config).toEqual({ port: 9000, profile: 'embedded', jwtSecret: 'x'.repeat(32), origins: ['a', 'b'], site: 'https://blog.example', insecure: false });
  });

  it('names every bad key in one message and never echoes a secret', () => {
    const leaked = 'short-secret-value';
    const attempt = () => loadConfig(spec, { PORT: 'eighty', PILOG_PROFILE: 'cloud', PILOG_JWT_SECRET: leaked, PILOG_COOKIE_INSECURE: 'yes' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('PORT must be an integer in 1..65535');
    expect(message).toContain('PILOG_PROFILE must be one of embedded, services');
    expect(message).toContain('PILOG_JWT_SECRET must be at least 32 bytes');
    expect(message).toContain('PILOG_COOKIE_INSECURE must be true or false');
    expect(message).not.toContain(leaked);
  });

  it('reports a missing required key', () => {
    expect(() => loadConfig(spec, {})).toThrow('PILOG_JWT_SECRET is required');
  });

  it('lists keys split into plain and secret for the deployment generator', () => {
    expect(settingKeys(spec).secret).toEqual(['PILOG_JWT_SECRET']);
    expect(settingKeys(spec).plain).toContain('PILOG_CORS_ORIGINS');
  });
});
