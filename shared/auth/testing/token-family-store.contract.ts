import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenFamilyStore } from '../ports/token-family-store.port.ts';

/** The behaviour every TokenFamilyStore adapter must show; each adapter's test runs it. */
export function tokenFamilyStoreContract(adapter: string, open: () => TokenFamilyStore): void {
  const rotation = (expectedHash: string, newHash: string, at = 1000) => ({ expectedHash, newHash, sealedPair: `sealed-${newHash}`, at });

  describe(`token family store (${adapter})`, () => {
    it('creates, finds and revokes a family', async () => {
      const store = open();
      const fid = randomUUID();
      expect(await store.find(fid)).toBeNull();
      await store.create({ fid, userId: 7, currentHash: 'h1' }, 60);
      expect(await store.find(fid)).toEqual({ fid, userId: 7, currentHash: 'h1', previousHash: null, rotatedAt: null, sealedPair: null });
      await store.revoke(fid);
      expect(await store.find(fid)).toBeNull();
      await store.revoke(fid); // revoking twice is fine
    });

    it('rotates only from the expected current hash', async () => {
      const store = open();
      const fid = randomUUID();
      await store.create({ fid, userId: 7, currentHash: 'h1' }, 60);
      expect(await store.rotate(fid, rotation('nope', 'h2'), 60)).toBe(false);
      expect(await store.rotate(fid, rotation('h1', 'h2', 1234), 60)).toBe(true);
      expect(await store.find(fid)).toEqual({ fid, userId: 7, currentHash: 'h2', previousHash: 'h1', rotatedAt: 1234, sealedPair: 'sealed-h2' });
      expect(await store.rotate(fid, rotation('h1', 'h3'), 60)).toBe(false);
      expect(await store.rotate(randomUUID(), rotation('h1', 'h3'), 60)).toBe(false);
    });

    it('lets exactly one of many concurrent rotations win', async () => {
      const store = open();
      const fid = randomUUID();
      await store.create({ fid, userId: 7, currentHash: 'h1' }, 60);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.rotate(fid, rotation('h1', `n${i}`), 60)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await store.find(fid))?.currentHash).toBe(`n${winner}`);
    });

    it('forgets a revoked family for good: a rotation after revocation fails', async () => {
      const store = open();
      const fid = randomUUID();
      await store.create({ fid, userId: 7, currentHash: 'h1' }, 60);
      await store.revoke(fid);
      expect(await store.rotate(fid, rotation('h1', 'h2'), 60)).toBe(false);
      expect(await store.find(fid)).toBeNull();
    });
  });
}
