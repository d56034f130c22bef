/**
 * A tiny router: exact paths first, then the fallback. Enough for `/graphql`, `/health` and a few pages;
 * anything else is a 404 that names the paths that do exist.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, type RequestHandler } from './graphqlHandler.ts';

export type Routes = Record<string, RequestHandler>;

export function route(routes: Routes): RequestHandler {
  const known = Object.keys(routes).join(', ');
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const handler = routes[path];
    if (handler) return handler(req, res);
    sendError(res, 404, 'NOT_FOUND', `No route ${path}; this server answers ${known}.`);
  };
}
