import type { IncomingMessage, ServerResponse } from 'node:http';
import { appError } from '../../shared/kernel/app-error.ts';
import { edgeStateOf, type EdgeState } from '../../shared/platform/http/edge.ts';
import { errorResponse, writeResponse } from '../../shared/platform/http/http-exchange.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import type { FunctionListener } from '../../shared/platform/runtime/register-function.ts';
import type { SockJsEndpoint } from '../../shared/realtime/adapters/sockjs/sockjs-endpoint.ts';
import type { realtimeRoutes } from './function.ts';

type Handler = (request: IncomingMessage, res: ServerResponse, state: EdgeState) => void | Promise<void>;

/** The edge has matched the route and read the body; each route goes to its part of the SockJS endpoint. */
export function sockJsHandler(channel: SockJsEndpoint, logger: Logger): FunctionListener {
  const ids = (state: EdgeState) => ({ server: state.params.server ?? '', session: state.params.session ?? '' });
  const handlers: Record<keyof typeof realtimeRoutes, Handler> = {
    info: (request, res) => channel.info(request, res),
    websocket: (request, res) => channel.websocketWithoutUpgrade(request, res),
    xhrStreaming: (request, res, state) => channel.xhrStreaming(request, res, ids(state)),
    xhrPolling: (request, res, state) => channel.xhrPolling(request, res, ids(state)),
    xhrSend: (request, res, state) => channel.xhrSend(request, res, ids(state), state.rawBody),
  };
  return async (request, res) => {
    const state = edgeStateOf(request);
    const handle = state && handlers[state.routeKey as keyof typeof realtimeRoutes];
    try {
      if (!state || !handle) return writeResponse(res, errorResponse(appError('NOT_FOUND', 'no route')));
      await handle(request, res, state);
    } catch (error) {
      logger.error('unhandled error in the SockJS endpoint', { path: state?.path, error });
      if (!res.headersSent) writeResponse(res, errorResponse(appError('INTERNAL', 'internal error')));
      else res.end();
    }
  };
}
