import { describe, expect, it } from 'vitest';
import { clearCookie, cookieOf, parseCookies, serializeCookie } from './cookies.ts';

const attributes = { path: '/', maxAge: 3600, httpOnly: true, secure: true, sameSite: 'Strict' as const, domain: 'example.com' };

describe('cookies', () => {
  it('serialises every attribute of the contract', () => {
    expect(serializeCookie('jiniaslog_access', 'a.b.c', attributes)).toBe('jiniaslog_access=a.b.c; Path=/; Max-Age=3600; Domain=example.com; HttpOnly; Secure; SameSite=Strict');
  });

  it('leaves out Domain when empty and Secure when not secure', () => {
    expect(serializeCookie('n', 'v', { ...attributes, domain: '', secure: false, sameSite: 'Lax' })).toBe('n=v; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax');
  });

  it('clears with the same name, path and domain, an empty value and Max-Age=0', () => {
    expect(clearCookie('r', { ...attributes, path: '/api/v1/auth/refresh' })).toBe('r=; Path=/api/v1/auth/refresh; Max-Age=0; Domain=example.com; HttpOnly; Secure; SameSite=Strict');
  });

  it('refuses names and values that would break the header', () => {
    expect(() => serializeCookie('bad name', 'v', attributes)).toThrow(TypeError);
    expect(() => serializeCookie('n', 'v;injected=1', attributes)).toThrow(TypeError);
  });

  it('parses the Cookie header, keeping the first of repeated names', () => {
    expect(parseCookies('a=1; b="2"; a=3; junk; =x')).toEqual({ a: '1', b: '2' });
    expect(parseCookies(undefined)).toEqual({});
    expect(cookieOf({ cookie: 'a=; b=2' }, 'a')).toBeUndefined();
    expect(cookieOf({ cookie: 'a=; b=2' }, 'b')).toBe('2');
  });
});
