import { err, ok, type Result } from './result.ts';
import { validationFailed, type AppError } from './app-error.ts';

/** A positive integer below 2^53 (§0.2). Branded so a raw number cannot pass for an id by accident. */
export type Id = number & { readonly __brand: 'Id' };

const DIGITS = /^[0-9]{1,16}$/;

/** Accepts a JSON number or a numeric string, as every id input of the contract must. */
export function parseId(input: unknown, field = 'id'): Result<Id, AppError> {
  const value = typeof input === 'string' && DIGITS.test(input) ? Number(input) : input;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return ok(value as Id);
  return err(validationFailed(`${field} must be a positive integer below 2^53`));
}

export const asId = (value: number): Id => value as Id;
