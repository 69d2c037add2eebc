import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';

/**
 * Checks a value against a TypeBox schema: HTTP queries and bodies at the edge, events' data against the catalogue
 * (decoding a delivery, appending to the outbox), the site tools' files. The same schemas are plain JSON Schema, so
 * the API documentation is generated from exactly what the edge enforces.
 */
export function decode<S extends TSchema>(schema: S, value: unknown, where: string): Result<Static<S>, AppError> {
  if (Value.Check(schema, value)) return ok(value);
  const first = Value.Errors(schema, value).First();
  const path = first?.path ? first.path.replace(/^\//, '').replaceAll('/', '.') : '';
  const field = path ? `${where}.${path}` : where;
  return err(validationFailed(`${field}: ${first?.message ?? 'is invalid'}`));
}
