import { writeFileSync } from 'node:fs';
import { configurationTable } from './configuration-table.ts';

/** `npm run docs`: regenerates the documents derived from code. */
const target = new URL('../../docs/configuration.md', import.meta.url);
writeFileSync(target, configurationTable());
process.stderr.write(`wrote ${target.pathname}\n`);
