import { describe, expect, it } from 'vitest';
import { signInFieldsOf, type ProviderProfile } from './user.ts';

const profile = (overrides: Partial<ProviderProfile> = {}): ProviderProfile => ({
  email: 'Ann@Example.com',
  emailVerified: true,
  name: 'Ann',
  picture: 'https://lh3.googleusercontent.com/a/pic',
  ...overrides,
});

describe('sign-in fields from a provider profile', () => {
  it('normalises the email and keeps name and picture', () => {
    expect(signInFieldsOf(profile(), [])).toEqual({
      ok: true,
      value: { email: 'ann@example.com', nickName: 'Ann', picUrl: 'https://lh3.googleusercontent.com/a/pic', roles: ['USER'] },
    });
  });

  it('falls back to UNKNOWN and a null picture', () => {
    const fields = signInFieldsOf(profile({ name: '  ', picture: undefined }), []);
    expect(fields.ok && fields.value).toMatchObject({ nickName: 'UNKNOWN', picUrl: null });
  });

  it('makes listed emails ADMIN', () => {
    const fields = signInFieldsOf(profile(), ['ann@example.com']);
    expect(fields.ok && fields.value.roles).toEqual(['ADMIN']);
  });

  it.each([
    ['no email', { email: undefined }],
    ['a malformed email', { email: 'not-an-email' }],
    ['an unverified email', { emailVerified: false }],
  ])('refuses %s with VALIDATION_FAILED', (_case, overrides) => {
    const fields = signInFieldsOf(profile(overrides), []);
    expect(fields.ok).toBe(false);
    if (!fields.ok) expect(fields.error.code).toBe('VALIDATION_FAILED');
  });
});
