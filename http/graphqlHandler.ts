/**
 * Serves an Apollo Server over plain `node:http`, with the few extra routes every govgraph process needs
 * (health, static pages). No Express: one JSON body parser with a size limit, and errors a caller can act on.
 * A malformed body is a 400 with a GraphQL-shaped error, never a crash and never a stack trace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextThunk } from '@apollo/server';
import { securityHeaders } from './securityHeaders.ts';

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the per-request context. Throwing a GraphQLError here answers the request with it. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Largest accepted request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const DEFAULT_MAX_BODY = 1024 * 1024;

export function graphqlHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>): RequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return (req, res) => {
    handle(options, maxBodyBytes, req, res).catch((error: unknown) => {
      console.error('[http] unexpected error', error);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
      else res.destroy();
    });
  };
}

async function handle<TContext extends BaseContext>(
  options: GraphQLHandlerOptions<TContext>,
  maxBodyBytes: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    const read = await readBody(req, maxBodyBytes);
    if (read.kind === 'too-large') {
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${maxBodyBytes} bytes.`);
    }
    const contentType = headers.get('content-type') ?? '';
    if (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json')) {
      try {
        body = read.text.length === 0 ? undefined : JSON.parse(read.text);
      } catch {
        return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON: send {"query": "...", "variables": {...}}.');
      }
    } else {
      body = read.text;
    }
  }
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const response = await options.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: queryStart === -1 ? '' : url.slice(queryStart),
      body,
    },
    context: (() => options.context(req)) as ContextThunk<TContext>,
  });
  securityHeaders(res);
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

type BodyRead = { kind: 'ok'; text: string } | { kind: 'too-large' };

function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  securityHeaders(res);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
