import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import * as functions from '@google-cloud/functions-framework';
import { createCors } from '../http/cors.ts';
import { createHttpEdge, edgeStateOf } from '../http/edge.ts';
import { edgeRoutes } from '../http/edge-routes.ts';
import type { FunctionManifest } from './manifest.ts';

/** A function's request handler on plain node:http objects (Express's request and response extend them). */
export type FunctionListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const listeners = new Map<string, FunctionListener>();

/**
 * Registers a function with functions-framework, the programming model (so `functions-framework --target=<name>`
 * serves it), and keeps the handler in pilog's own map, from which our node:http server dispatches directly: no
 * Express app in the request path. Under the framework's server no pilog edge has run, so an HTTP function gets
 * its own routes' edge there (no CORS origins, no trusted proxies); the framework has already read the body.
 */
export function registerFunction(manifest: FunctionManifest, listener: FunctionListener): void {
  listeners.set(manifest.name, listener);
  if (manifest.trigger.kind !== 'http') return functions.http(manifest.name, listener);
  let ownEdge: RequestListener | undefined;
  functions.http(manifest.name, (req, res) => {
    if (edgeStateOf(req)) return listener(req, res);
    ownEdge ??= createHttpEdge({ routes: edgeRoutes([manifest]), cors: createCors([]), trustedProxyHops: 0, dispatch: () => listener as RequestListener });
    return ownEdge(req, res);
  });
}

/** The handler a started function registered; our servers (container entry, dev host, tests) call it directly. */
export function registeredListener(functionName: string): RequestListener {
  const listener = listeners.get(functionName);
  if (!listener) throw new Error(`${functionName} has not registered a handler: start it first`);
  return listener as RequestListener;
}
