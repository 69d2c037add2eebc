import type { RequestListener } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';

/**
 * The request listener functions-framework builds for a registered function (the same Express app its own CLI
 * serves). Taken from the server it returns so that our process owns the listening socket, the health route
 * and the shutdown sequence, which the framework's CLI does not let us shape.
 */
export function frameworkListener(functionName: string): RequestListener {
  const server = getTestServer(functionName);
  const [listener] = server.listeners('request') as RequestListener[];
  if (!listener) throw new Error(`functions-framework gave no request listener for ${functionName}`);
  return listener;
}
