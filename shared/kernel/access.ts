import { appError, type AppError } from './app-error.ts';
import { err, ok, type Result } from './result.ts';

/**
 * Who is calling, as use cases see it: the same shape as the HTTP edge's `Identity`, declared here so that every
 * context's application layer can check ownership without importing the platform or the auth context.
 */
export interface Caller {
  readonly userId: number;
  readonly roles: readonly string[];
}

export const isAdmin = (caller: Caller): boolean => caller.roles.includes('ADMIN');

/**
 * The ownership rule of the contract (§0.6): an anonymous caller gets 401 (the frontend then refreshes), a signed-in
 * caller who is not the owner gets 403 `NOT_OWNER`. Ownership is strict: an ADMIN does not own other users' memos.
 */
export function requireOwner(caller: Caller | null, ownerId: number | null): Result<Caller, AppError> {
  if (caller === null) return err(appError('UNAUTHENTICATED', 'sign-in required'));
  if (ownerId === null || caller.userId !== ownerId) return err(appError('NOT_OWNER', 'you do not own this resource'));
  return ok(caller);
}

/** As requireOwner, but an ADMIN passes too (e.g. deleting any comment, §2.4). */
export function requireOwnerOrAdmin(caller: Caller | null, ownerId: number | null): Result<Caller, AppError> {
  if (caller !== null && isAdmin(caller)) return ok(caller);
  return requireOwner(caller, ownerId);
}

/** For routes that are public but need an identity in some cases (a registered comment): 401 without one. */
export function requireCaller(caller: Caller | null): Result<Caller, AppError> {
  return caller === null ? err(appError('UNAUTHENTICATED', 'sign-in required')) : ok(caller);
}

/** Role check inside a use case (the route-level check lives in the route spec's `access`). */
export function requireRole(caller: Caller | null, role: string): Result<Caller, AppError> {
  if (caller === null) return err(appError('UNAUTHENTICATED', 'sign-in required'));
  return caller.roles.includes(role) ? ok(caller) : err(appError('FORBIDDEN', `role ${role} required`));
}
