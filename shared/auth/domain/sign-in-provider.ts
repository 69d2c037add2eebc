import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';

export const signInProviders = ['GOOGLE'] as const;
export type SignInProvider = (typeof signInProviders)[number];

/** The `{provider}` path segment, matched case-insensitively (§1.6). */
export function parseSignInProvider(raw: string): Result<SignInProvider, AppError> {
  const upper = raw.toUpperCase();
  return (signInProviders as readonly string[]).includes(upper) ? ok(upper as SignInProvider) : err(validationFailed(`unknown sign-in provider "${raw}"`));
}
