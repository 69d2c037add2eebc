import { readFileSync, writeFileSync } from 'node:fs';
import { configurationTable } from './configuration-table.ts';
import { withContractTables } from './contract-tables.ts';
import { withFunctionTable } from './function-table.ts';

/** `npm run docs`: regenerates the documents derived from code. */
const configuration = new URL('../../docs/configuration.md', import.meta.url);
writeFileSync(configuration, configurationTable());
process.stderr.write(`wrote ${configuration.pathname}\n`);

const contract = new URL('../../docs/http-contract.md', import.meta.url);
writeFileSync(contract, withContractTables(readFileSync(contract, 'utf8')));
process.stderr.write(`wrote the generated parts of ${contract.pathname}\n`);

const readme = new URL('../../README.md', import.meta.url);
writeFileSync(readme, withFunctionTable(readFileSync(readme, 'utf8')));
process.stderr.write(`wrote the function table of ${readme.pathname}\n`);
