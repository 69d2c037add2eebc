import { serveFunction } from '../../shared/platform/runtime/serve-function.ts';
import { manifest } from './function.ts';
import { start } from './index.ts';

/** This function's container entry (what its image bundle runs): see serveFunction. */
await serveFunction(manifest, start);
