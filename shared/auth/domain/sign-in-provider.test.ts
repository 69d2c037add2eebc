import { describe, expect, it } from 'vitest';
import { parseSignInProvider } from './sign-in-provider.ts';

describe('sign-in provider path segment', () => {
  it.each(['GOOGLE', 'google', 'Google'])('accepts %s as GOOGLE', (raw) => {
    expect(parseSignInProvider(raw)).toEqual({ ok: true, value: 'GOOGLE' });
  });

  it('refuses others with VALIDATION_FAILED', () => {
    expect(parseSignInProvider('github')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
