import { manifest as blogReads } from '../../blog-read-articles/function.ts';
import { manifest as trackArticles } from '../../comment-track-articles/function.ts';
import { manifest as trackAuthors } from '../../comment-track-authors/function.ts';
import { manifest as addComment } from '../function.ts';

/**
 * The comment functions as production runs them, with the blog's read function behind the same edge on the same
 * (blog-less) database: the comment function asks it about articles its read model does not know.
 */
export const commentFunctions = [addComment, blogReads, trackArticles, trackAuthors];
