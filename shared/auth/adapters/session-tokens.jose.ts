import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Clock } from '../../kernel/clock.ts';
import { readAccessToken } from '../../platform/http/identify.ts';
import type { TokenPair } from '../domain/session.ts';
import type { SessionClaims, SessionTokens } from '../ports/session-tokens.port.ts';

export interface JoseSessionTokensOptions {
  readonly key: Uint8Array;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
  readonly clock: Clock;
}

const SEAL_INFO = 'pilog refresh pair seal v1';

/** HS256 JWTs with the contract's claims (`sub`, `roles`, `fid`, `typ`, `jti`, `iat`, `exp`); AES-256-GCM seals. */
export function createJoseSessionTokens(options: JoseSessionTokensOptions): SessionTokens {
  const sign = (claims: SessionClaims, typ: 'access' | 'refresh', issuedAt: number, ttl: number): Promise<string> =>
    new SignJWT({ roles: [...claims.roles], fid: claims.fid, typ })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(claims.userId))
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttl)
      .sign(options.key);

  const sealKey = (refreshToken: string): Buffer => Buffer.from(hkdfSync('sha256', refreshToken, Buffer.alloc(0), SEAL_INFO, 32));

  return {
    newFamilyId: () => randomUUID(),

    async mint(claims) {
      const issuedAt = Math.floor(options.clock.now() / 1000);
      const [access, refresh] = await Promise.all([
        sign(claims, 'access', issuedAt, options.accessTtlSeconds),
        sign(claims, 'refresh', issuedAt, options.refreshTtlSeconds),
      ]);
      return { access, refresh };
    },

    async readRefresh(token) {
      try {
        const { payload } = await jwtVerify(token, options.key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'], currentDate: new Date(options.clock.now()) });
        const { typ, sub, fid } = payload;
        if (typ !== 'refresh' || typeof fid !== 'string' || typeof sub !== 'string' || !/^[1-9][0-9]{0,15}$/.test(sub)) return null;
        return { userId: Number(sub), fid };
      } catch {
        return null;
      }
    },

    async readAccessIgnoringExpiry(token) {
      const claims = await readAccessToken(token, options.key, { ignoreExpiry: true });
      return claims && { fid: claims.fid };
    },

    hash: (token) => createHash('sha256').update(token).digest('hex'),

    seal(pair, refreshToken) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey(refreshToken), iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },

    open(sealed, refreshToken) {
      try {
        const bytes = Buffer.from(sealed, 'base64url');
        const decipher = createDecipheriv('aes-256-gcm', sealKey(refreshToken), bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
        const pair = JSON.parse(text) as TokenPair;
        return typeof pair.access === 'string' && typeof pair.refresh === 'string' ? { access: pair.access, refresh: pair.refresh } : null;
      } catch {
        return null;
      }
    },
  };
}
