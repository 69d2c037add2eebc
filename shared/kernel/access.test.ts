import { describe, expect, it } from 'vitest';
import { requireCaller, requireOwner, requireOwnerOrAdmin, requireRole } from './access.ts';

const user = { userId: 1, roles: ['USER'] };
const admin = { userId: 2, roles: ['ADMIN'] };
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);

describe('access rules for use cases', () => {
  it('requireOwner: anonymous is UNAUTHENTICATED, another user (even an ADMIN) is NOT_OWNER, the owner passes', () => {
    expect(codeOf(requireOwner(null, 1))).toBe('UNAUTHENTICATED');
    expect(codeOf(requireOwner(user, 3))).toBe('NOT_OWNER');
    expect(codeOf(requireOwner(admin, 1))).toBe('NOT_OWNER');
    expect(codeOf(requireOwner(user, null))).toBe('NOT_OWNER');
    expect(requireOwner(user, 1)).toEqual({ ok: true, value: user });
  });

  it('requireOwnerOrAdmin lets an ADMIN through', () => {
    expect(codeOf(requireOwnerOrAdmin(admin, 1))).toBe('OK');
    expect(codeOf(requireOwnerOrAdmin(user, 3))).toBe('NOT_OWNER');
    expect(codeOf(requireOwnerOrAdmin(null, 1))).toBe('UNAUTHENTICATED');
  });

  it('requireCaller and requireRole follow 401 before 403', () => {
    expect(codeOf(requireCaller(null))).toBe('UNAUTHENTICATED');
    expect(codeOf(requireCaller(user))).toBe('OK');
    expect(codeOf(requireRole(null, 'ADMIN'))).toBe('UNAUTHENTICATED');
    expect(codeOf(requireRole(user, 'ADMIN'))).toBe('FORBIDDEN');
    expect(codeOf(requireRole(admin, 'ADMIN'))).toBe('OK');
  });
});
