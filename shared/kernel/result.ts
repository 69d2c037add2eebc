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

type ValueOf<R> = R extends { readonly ok: true; readonly value: infer T } ? T : never;
type ErrorOf<R> = R extends { readonly ok: false; readonly error: infer E } ? E : never;

/** All the values, in order, or the first failure: inputs decoded one by one, then used together. */
export function all<const R extends readonly Result<unknown, unknown>[]>(...results: R): Result<{ -readonly [K in keyof R]: ValueOf<R[K]> }, ErrorOf<R[number]>> {
  const failed = results.find((result) => !result.ok);
  if (failed) return failed as Result<never, ErrorOf<R[number]>>;
  return ok(results.map((result) => (result as { value: unknown }).value) as { -readonly [K in keyof R]: ValueOf<R[K]> });
}
