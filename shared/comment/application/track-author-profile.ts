import type { AuthorProfile } from '../domain/comment-tree.ts';
import type { AuthorDirectory } from '../ports/author-directory.port.ts';

/** Keeps the nickname and picture registered comments show; an older or repeated profile is ignored by version. */
export async function trackAuthorProfile(
  deps: { authors: AuthorDirectory },
  change: { readonly userId: number; readonly profile: AuthorProfile; readonly version: number },
): Promise<{ applied: boolean }> {
  return { applied: await deps.authors.record(change.userId, change.profile, change.version) };
}
