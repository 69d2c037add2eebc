import { runImportCommand } from './import-command.ts';

/** Moves a running Jinia's Log (the Spring Boot monolith) into pilog; see runImportCommand. */
process.exitCode = await runImportCommand(process.argv.slice(2), process.env, process.stdout, process.stderr);
