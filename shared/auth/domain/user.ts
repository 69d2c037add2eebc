import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { rolesForEmail, type Role } from './role.ts';

export interface User {
  readonly id: number;
  readonly email: string;
  readonly nickName: string;
  readonly picUrl: string | null;
  readonly roles: readonly Role[];
}

/** What the identity provider tells us about the person signing in (ID token or userinfo claims). */
export interface ProviderProfile {
  readonly email: string | undefined;
  readonly emailVerified: boolean;
  readonly name: string | undefined;
  readonly picture: string | undefined;
}

/** The fields a sign-in writes: the user is found by email, and name, picture and roles are refreshed each time. */
export type SignInFields = Omit<User, 'id'>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;
export const UNKNOWN_NICKNAME = 'UNKNOWN';
const MAX_NICKNAME = 255;
const MAX_PICTURE = 2048;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** §2.6 step 3–4: a verified email is required; the nickname falls back to "UNKNOWN"; roles come from the admin list. */
export function signInFieldsOf(profile: ProviderProfile, adminEmails: readonly string[]): Result<SignInFields, AppError> {
  const email = profile.email === undefined ? '' : normalizeEmail(profile.email);
  if (!EMAIL.test(email) || email.length > 320) return err(validationFailed('the identity provider gave no email address'));
  if (!profile.emailVerified) return err(validationFailed('the email address is not verified by the identity provider'));
  const name = profile.name?.trim() ?? '';
  const picture = profile.picture?.trim() ?? '';
  const roles: Role[] = rolesForEmail(email, adminEmails);
  return ok({
    email,
    nickName: name === '' ? UNKNOWN_NICKNAME : [...name].slice(0, MAX_NICKNAME).join(''),
    picUrl: picture === '' || picture.length > MAX_PICTURE ? null : picture,
    roles,
  });
}
