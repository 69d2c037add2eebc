import { describe, expect, it } from 'vitest';
import { byPrimacy, formatRoles, parseRoles, rolesForEmail } from './role.ts';

describe('roles', () => {
  it('gives ADMIN to listed emails, case-insensitively, and USER to everyone else', () => {
    expect(rolesForEmail('boss@example.com', [' Boss@Example.com '])).toEqual(['ADMIN']);
    expect(rolesForEmail('someone@example.com', ['boss@example.com'])).toEqual(['USER']);
    expect(rolesForEmail('someone@example.com', [])).toEqual(['USER']);
  });

  it('always puts the primary role first', () => {
    expect(byPrimacy(['USER', 'ADMIN'])).toEqual(['ADMIN', 'USER']);
    expect(parseRoles('USER,ADMIN')).toEqual(['ADMIN', 'USER']);
    expect(formatRoles(['USER', 'ADMIN'])).toBe('ADMIN,USER');
  });

  it('reads unknown or empty stored roles as USER', () => {
    expect(parseRoles('')).toEqual(['USER']);
    expect(parseRoles('ROOT')).toEqual(['USER']);
  });
});
