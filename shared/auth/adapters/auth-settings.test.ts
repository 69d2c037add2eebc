import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAuthConfig } from './auth-settings.ts';
import { createDevIdentityProvider } from '../../../tools/dev-host/dev-identity-provider/dev-identity-provider.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'pilog-auth-settings-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const services = { PILOG_PROFILE: 'services', PILOG_JWT_SECRET: 'x'.repeat(32), PILOG_OIDC_CLIENT_ID: 'id', PILOG_OIDC_CLIENT_SECRET: 'secret' };
const production = { ...services, NODE_ENV: 'production' };

describe('auth settings', () => {
  it('defaults the embedded profile to the development provider, plain-http cookies and admin@example.com', () => {
    const config = loadAuthConfig({ PILOG_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      profile: 'embedded',
      production: false,
      devIdp: true,
      adminEmails: ['admin@example.com'],
      accessTtlSeconds: 3600,
      refreshTtlSeconds: 604800,
      refreshGraceSeconds: 5,
      oidc: { issuer: 'http://127.0.0.1:8080/oidc', clientId: 'pilog-dev', redirectUrl: 'http://localhost:3000/login/oauth2/code/google', allowInsecureRequests: true },
      cookies: { accessName: 'jiniaslog_access', refreshName: 'jiniaslog_refresh', base: { secure: false, sameSite: 'Strict', domain: '', httpOnly: true } },
    });
    expect(config.jwtKey.length).toBeGreaterThanOrEqual(32);
  });

  it('defaults the services profile to Google, secure cookies and no admins', () => {
    const config = loadAuthConfig({ ...production, PILOG_COOKIE_DOMAIN: 'jiniaslog.co.kr', PILOG_ADMIN_EMAILS: 'a@x.kr, b@x.kr' });
    expect(config).toMatchObject({
      production: true,
      devIdp: false,
      adminEmails: ['a@x.kr', 'b@x.kr'],
      oidc: { issuer: 'https://accounts.google.com', clientId: 'id', clientSecret: 'secret', redirectUrl: 'https://www.jiniaslog.co.kr/login/oauth2/code/google', allowInsecureRequests: false },
      cookies: { base: { secure: true, domain: 'jiniaslog.co.kr', sameSite: 'Strict' } },
    });
    expect(loadAuthConfig(services).adminEmails).toEqual([]);
  });

  it('drops Secure and Domain in insecure mode', () => {
    const config = loadAuthConfig({ ...services, PILOG_COOKIE_INSECURE: 'true', PILOG_COOKIE_DOMAIN: 'example.com', PILOG_COOKIE_SAMESITE: 'Lax' });
    expect(config.cookies.base).toEqual({ httpOnly: true, secure: false, domain: '', sameSite: 'Lax' });
  });

  it('refuses to start production with the development provider, insecure cookies or an http issuer', () => {
    expect(() => loadAuthConfig({ ...production, PILOG_DEV_IDP: 'true' })).toThrow('PILOG_DEV_IDP cannot be enabled in production');
    expect(() => loadAuthConfig({ ...production, PILOG_COOKIE_INSECURE: 'true' })).toThrow('PILOG_COOKIE_INSECURE cannot be enabled in production');
    expect(() => loadAuthConfig({ ...production, PILOG_OIDC_ISSUER: 'http://idp.example' })).toThrow('must be https in production');
  });

  it('allows the development provider in the services profile outside production when asked for', () => {
    expect(loadAuthConfig({ ...services, PILOG_DEV_IDP: 'true', PILOG_PUBLIC_API_URL: 'http://127.0.0.1:8080' }).oidc).toMatchObject({ issuer: 'http://127.0.0.1:8080/oidc', clientId: 'id' });
  });

  it('needs Google client credentials without the development provider, and secure cookies for SameSite=None', () => {
    expect(() => loadAuthConfig({ PILOG_PROFILE: 'services', PILOG_JWT_SECRET: 'x'.repeat(32) })).toThrow('PILOG_OIDC_CLIENT_ID is required');
    expect(() => loadAuthConfig({ PILOG_DATA_DIR: dataDir, PILOG_COOKIE_SAMESITE: 'None' })).toThrow('PILOG_COOKIE_SAMESITE=None needs secure cookies');
  });

  it('never puts the client secret or JWT secret into a configuration error', () => {
    const message = (() => {
      try {
        loadAuthConfig({ ...production, PILOG_OIDC_CLIENT_SECRET: 'hunter2', PILOG_ACCESS_TTL_S: 'soon' });
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('PILOG_ACCESS_TTL_S');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('x'.repeat(32));
  });

  it('will not create the development identity provider in production', async () => {
    await expect(createDevIdentityProvider({ issuer: 'http://localhost:8080/oidc', clientId: 'c', clientSecret: 's', redirectUris: ['http://localhost:3000/cb'] }, production)).rejects.toThrow(
      'cannot run in production',
    );
  });
});
