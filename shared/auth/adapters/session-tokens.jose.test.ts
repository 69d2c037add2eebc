import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { readAccessToken } from '../../platform/http/identify.ts';
import { createJoseSessionTokens } from './session-tokens.jose.ts';

const key = new TextEncoder().encode('k'.repeat(32));
let now = Date.UTC(2025, 0, 1);
const clock = { now: () => now };
const tokens = createJoseSessionTokens({ key, accessTtlSeconds: 3600, refreshTtlSeconds: 604800, clock });
const claims = { userId: 42, roles: ['ADMIN', 'USER'] as const, fid: 'family-1' };

describe('session tokens (jose)', () => {
  it('mints HS256 access and refresh JWTs with the contract claims', async () => {
    const pair = await tokens.mint({ ...claims, roles: [...claims.roles] });
    const access = decodeJwt(pair.access);
    const refresh = decodeJwt(pair.refresh);
    expect(access).toMatchObject({ sub: '42', roles: ['ADMIN', 'USER'], fid: 'family-1', typ: 'access', iat: now / 1000, exp: now / 1000 + 3600 });
    expect(refresh).toMatchObject({ sub: '42', fid: 'family-1', typ: 'refresh', exp: now / 1000 + 604800 });
    expect(access.jti).not.toBe(refresh.jti);
    expect(await tokens.readRefresh(pair.refresh)).toEqual({ userId: 42, fid: 'family-1' });
    expect(await readAccessToken(pair.access, key, { now: new Date(now) })).toEqual({ userId: 42, roles: ['ADMIN', 'USER'], fid: 'family-1' });
  });

  it('never takes one kind of token for the other', async () => {
    const pair = await tokens.mint({ ...claims, roles: ['USER'] });
    expect(await tokens.readRefresh(pair.access)).toBeNull();
    expect(await readAccessToken(pair.refresh, key, { now: new Date(now) })).toBeNull();
    expect(await tokens.readAccessIgnoringExpiry(pair.refresh)).toBeNull();
  });

  it('refuses expired refresh tokens and tokens signed with another key', async () => {
    const pair = await tokens.mint({ ...claims, roles: ['USER'] });
    const foreign = createJoseSessionTokens({ key: new TextEncoder().encode('x'.repeat(32)), accessTtlSeconds: 60, refreshTtlSeconds: 60, clock });
    expect(await foreign.readRefresh(pair.refresh)).toBeNull();
    now += 604801 * 1000;
    expect(await tokens.readRefresh(pair.refresh)).toBeNull();
    // Logout still finds the family of an expired access token.
    expect(await tokens.readAccessIgnoringExpiry(pair.access)).toEqual({ fid: 'family-1' });
    expect(await foreign.readAccessIgnoringExpiry(pair.access)).toBeNull();
  });

  it('seals a pair so that only the refresh token it was sealed with opens it', async () => {
    const pair = await tokens.mint({ ...claims, roles: ['USER'] });
    const sealed = tokens.seal(pair, 'previous-refresh-token');
    expect(sealed).not.toContain(pair.access.split('.')[1]);
    expect(tokens.open(sealed, 'previous-refresh-token')).toEqual(pair);
    expect(tokens.open(sealed, 'another-token')).toBeNull();
    expect(tokens.open('garbage', 'previous-refresh-token')).toBeNull();
  });

  it('hashes tokens deterministically without keeping them', () => {
    expect(tokens.hash('a')).toBe(tokens.hash('a'));
    expect(tokens.hash('a')).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens.hash('a')).not.toBe(tokens.hash('b'));
  });
});
