/**
 * A dependency that a retry may find back (a peer function, a lease store) cannot answer now. Thrown, not returned:
 * every use case would otherwise carry it; the HTTP runtime answers it with 503 UPSTREAM_UNAVAILABLE. The message is
 * shown to the caller, so it names the dependency and never a secret.
 */
export class UnavailableError extends Error {
  override name = 'UnavailableError';
}
