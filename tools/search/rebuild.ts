import { runSearchRebuild } from './rebuild-command.ts';

/** Rebuilds the search index from the database; settings from the environment (PILOG_PROFILE, PILOG_OPENSEARCH_URL, …). */
process.exitCode = await runSearchRebuild(process.env, process.stderr);
