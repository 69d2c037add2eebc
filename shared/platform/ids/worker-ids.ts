import { MAX_WORKER_ID } from '../../kernel/snowflake.ts';

/** The single embedded process is the only one minting, so it takes this id without a lease. */
export const EMBEDDED_WORKER_ID = 0;

/**
 * Reserved for the site tools (`tools/jiniaslog` import, `tools/site` restore), one-off processes that write next to
 * running functions without leasing: never leased to a function.
 */
export const IMPORT_WORKER_ID = MAX_WORKER_ID;

/** The ids a services-profile process may lease: every worker id but the import's. */
export const LEASABLE_WORKER_IDS: readonly number[] = Array.from({ length: MAX_WORKER_ID }, (_, id) => id);
