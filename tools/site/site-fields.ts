import { Type } from '@sinclair/typebox';
import { roles, type Role } from '../../shared/auth/domain/role.ts';
import { isoTimestamp } from '../../shared/kernel/clock.ts';

/** The field types of the site files: ids are JSON numbers (53-bit snowflakes fit), times UTC ISO-8601 with milliseconds. */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const Time = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\\.\\d{3}Z$' });
export const Roles = Type.Array(Type.Union(roles.map((role) => Type.Literal(role))), { minItems: 1, uniqueItems: true });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** Database values to file values: drivers hand BIGINTs over as numbers or strings. */
export const idOf = (value: unknown): number => Number(value);
export const nullableIdOf = (value: unknown): number | null => (value === null ? null : Number(value));
export const timeOf = (value: unknown): string => isoTimestamp(Number(value));
export const nullableTimeOf = (value: unknown): string | null => (value === null ? null : timeOf(value));
/** As stored (primary role first); the schema checks each on the way back. */
export const rolesOf = (value: unknown): Role[] => String(value).split(',') as Role[];

/** File values back to database values (already validated against the schemas above). */
export const millisOf = (time: string): number => Date.parse(time);
export const nullableMillisOf = (time: string | null): number | null => (time === null ? null : millisOf(time));
