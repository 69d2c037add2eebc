import { Type } from '@sinclair/typebox';

/**
 * An id in a request body, as the contract accepts it (§0.2): a number or a numeric string. The schema documents
 * and pre-checks the shape; `parseId` (kernel) applies the exact rule (positive, below 2^53) in the handler.
 */
export const IdInput = Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: '^[0-9]{1,16}$' })], {
  description: 'id: a positive integer below 2^53, as a number or a numeric string',
});

/** An id or null (e.g. "no folder", "top level"). */
export const NullableIdInput = Type.Union([IdInput, Type.Null()]);
