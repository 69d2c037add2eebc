import type { AppError } from './app-error.ts';

/** A success or an expected failure. Only surprises throw; everything a caller can cause is a Result. */
export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

export function map<T, U, E>(result: Result<T, E>, f: (value: T) => U): Result<U, E> {
  return result.ok ? ok(f(result.value)) : result;
}

export async function andThen<T, U, E>(result: Result<T, E>, f: (value: T) => Promise<Result<U, E>> | Result<U, E>): Promise<Result<U, E>> {
  return result.ok ? f(result.value) : result;
}
