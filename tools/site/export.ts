import { runExportCommand } from './site-command.ts';

/** Writes the whole site as portable files; see runExportCommand. */
process.exitCode = await runExportCommand(process.argv.slice(2), process.env, process.stdout, process.stderr);
