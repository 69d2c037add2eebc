import { runRestoreCommand } from './site-command.ts';

/** Reads an export back into an empty database; see runRestoreCommand. */
process.exitCode = await runRestoreCommand(process.argv.slice(2), process.env, process.stdout, process.stderr);
