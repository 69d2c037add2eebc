import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET_FILE, createIdentify, identifyFromEnv, jwtKey } from './identify.ts';

const secret = 's'.repeat(32);
const key = new TextEncoder().encode(secret);
const identify = createIdentify({ key, accessCookieName: 'jiniaslog_access' });
const requestWith = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function token(claims: Record<string, unknown>, options: { key?: Uint8Array; alg?: string; exp?: number } = {}) {
  return new SignJWT({ roles: ['USER'], fid: 'f', typ: 'access', ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject('7')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? nowSeconds() + 60)
    .sign(options.key ?? key);
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('identify', () => {
  it('reads the caller from a valid access cookie', async () => {
    const access = await token({ roles: ['ADMIN'] });
    expect(await identify(requestWith({ cookie: `other=1; jiniaslog_access=${access}` }))).toEqual({ userId: 7, roles: ['ADMIN'] });
  });

  it('ignores the Authorization header', async () => {
    expect(await identify(requestWith({ authorization: `Bearer ${await token({})}` }))).toBeNull();
  });

  it.each([
    ['an expired token', () => token({}, { exp: nowSeconds() - 1 })],
    ['a token signed with another key', () => token({}, { key: new TextEncoder().encode('x'.repeat(32)) })],
    ['a refresh token', () => token({ typ: 'refresh' })],
    ['a token without roles', () => token({ roles: 'ADMIN' })],
    ['a forged unsigned token', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: '1', roles: ['ADMIN'], typ: 'access', fid: 'f', exp: nowSeconds() + 60 })).toString('base64url')}.`],
    ['a token with a tampered payload', async () => {
      const [header, , signature] = (await token({})).split('.');
      const payload = Buffer.from(JSON.stringify({ sub: '7', roles: ['ADMIN'], typ: 'access', fid: 'f', exp: nowSeconds() + 60 })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }],
    ['garbage', async () => 'not-a-jwt'],
  ])('makes %s anonymous', async (_case, make) => {
    expect(await identify(requestWith({ cookie: `jiniaslog_access=${await make()}` }))).toBeNull();
  });

  it('generates and keeps one development secret per data dir in the embedded profile', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pilog-identify-'));
    dirs.push(dataDir);
    const first = jwtKey({ profile: 'embedded', dataDir, jwtSecret: '' });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(jwtKey({ profile: 'embedded', dataDir, jwtSecret: '' })).toEqual(first);
    expect(readFileSync(join(dataDir, DEV_JWT_SECRET_FILE), 'utf8')).toHaveLength(64);
  });

  it('requires PILOG_JWT_SECRET in the services profile, at least 32 bytes', () => {
    expect(() => identifyFromEnv({ PILOG_PROFILE: 'services' })).toThrow('PILOG_JWT_SECRET is required in the services profile');
    expect(() => identifyFromEnv({ PILOG_PROFILE: 'services', PILOG_JWT_SECRET: 'short' })).toThrow('PILOG_JWT_SECRET must be at least 32 bytes');
    expect(identifyFromEnv({ PILOG_PROFILE: 'services', PILOG_JWT_SECRET: secret })).toBeTypeOf('function');
  });
});
