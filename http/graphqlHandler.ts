/**
 * Serves an Apollo Server over plain `node:http`, with the few extra routes every govgraph process needs
 * (health, static pages). No Express: one JSON body parser with a size limit, and errors a caller can act on.
 * Every refusal here has its own status and a GraphQL-shaped JSON body, never a crash and never a stack trace:
 * 413 for a body over the limit, 415 for a POST that is not JSON (which also keeps simple cross-site form posts
 * out, with Apollo's CSRF prevention covering GET), 400 for malformed JSON or JSON nested deeper than `maxJsonDepth`
 * (variables walked recursively downstream would overflow the stack), 405 for another method.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextThunk, type HTTPGraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { nestsDeeperThan } from './jsonDepth.ts';
import { securityHeaders } from './securityHeaders.ts';

/** One operation as sent: a POST body, one element of a batch, or a GET's query parameters. */
export interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** A request this handler (or Apollo, before running any operation) refused. */
export interface Rejection<TContext> {
  req: IncomingMessage;
  status: number;
  code: string;
  message: string;
  /** The context, when it was built before the refusal. */
  context: TContext | undefined;
}

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /**
   * Builds the per-request context from the request and its operations (which it may rewrite: a persisted
   * document's hash resolved to its text). Throwing a GraphQLError here answers the request with it. `raw` is the
   * request as received: the body of a POST, the query string of a GET (what a department's binding covers).
   */
  context: (req: IncomingMessage, operations: OperationRequest[], raw: string) => Promise<TContext>;
  /** Largest accepted request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Deepest nesting of the JSON body (a GET's `variables` and `extensions`) accepted; deeper is a 400. Default 64. */
  maxJsonDepth?: number;
  /**
   * Told of every request refused before its context was built or before any operation ran (to record it);
   * resolves once recorded, to the record's request id (sent as `x-request-id`) if it has one. Throwing a
   * GraphQLError replaces the answer (e.g. 503 when it cannot be recorded).
   */
  onRejected?: (rejection: Rejection<TContext>) => Promise<string | void>;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const DEFAULT_MAX_BODY = 1024 * 1024;
export const DEFAULT_MAX_JSON_DEPTH = 64;
const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

export function graphqlHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>): RequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxJsonDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  if (!Number.isInteger(maxJsonDepth) || maxJsonDepth < 2) throw new TypeError(`graphqlHandler: option \`maxJsonDepth\` must be an integer of at least 2, got ${String(options.maxJsonDepth)}.`);
  return (req, res) => {
    handle(options, maxBodyBytes, maxJsonDepth, req, res).catch((error: unknown) => {
      console.error('[http] unexpected error', error);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
      else res.destroy();
    });
  };
}

async function handle<TContext extends BaseContext>(
  options: GraphQLHandlerOptions<TContext>,
  maxBodyBytes: number,
  maxJsonDepth: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const refuse = async (status: number, code: string, message: string, context?: TContext, headers: Record<string, string> = {}) => {
    try {
      const requestId = await options.onRejected?.({ req, status, code, message, context });
      if (requestId) res.setHeader('x-request-id', requestId);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return sendReplacement(res, error);
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    sendError(res, status, code, message);
  };
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    return refuse(405, 'METHOD_NOT_ALLOWED', `${method} is not supported: send a POST with a JSON body (or a GET for queries).`, undefined, { allow: 'GET, POST' });
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search: queryStart === -1 ? '' : url.slice(queryStart), body: undefined };
  let operations: OperationRequest[];
  let raw = httpGraphQLRequest.search;
  if (method === 'POST') {
    const contentType = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!JSON_TYPES.includes(contentType)) {
      req.resume();
      return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${contentType === '' ? '(none)' : `"${contentType}"`} is not supported: send the operation as JSON with Content-Type: application/json.`);
    }
    const declared = Number(req.headers['content-length']);
    const read = declared > maxBodyBytes ? ({ kind: 'too-large' } as const) : await readBody(req, maxBodyBytes);
    if (read.kind === 'too-large') {
      drain(req, maxBodyBytes);
      res.setHeader('connection', 'close');
      return refuse(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${maxBodyBytes} bytes; send a smaller operation or fewer variables.`);
    }
    raw = read.text;
    try {
      httpGraphQLRequest.body = read.text.length === 0 ? undefined : JSON.parse(read.text);
    } catch {
      return refuse(400, 'BAD_REQUEST', 'The request body is not valid JSON: send {"query": "...", "variables": {...}}.');
    }
    const parsed = httpGraphQLRequest.body;
    operations = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? [parsed as OperationRequest] : [];
  } else {
    operations = [fromSearch(httpGraphQLRequest.search)];
  }
  // The limit is on `variables` and `extensions` themselves (their own object the first level): an operation adds one.
  const body = httpGraphQLRequest.body;
  const tooDeep = method === 'POST'
    ? (Array.isArray(body) ? body : [body]).some((operation) => nestsDeeperThan(operation, maxJsonDepth + 1))
    : parsedSearchJson(httpGraphQLRequest.search).some((value) => nestsDeeperThan(value, maxJsonDepth));
  if (tooDeep) {
    return refuse(400, 'JSON_DEPTH_LIMIT', `The request's variables or extensions nest deeper than ${maxJsonDepth} levels; at most ${maxJsonDepth} are accepted (limit maxJsonDepth). Send flatter variables.`);
  }
  let context: TContext | undefined;
  let contextFailed = false;
  const response = await options.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: (async () => {
      try {
        context = await options.context(req, operations, raw);
      } catch (error) {
        contextFailed = true;
        throw error;
      }
      if (method === 'GET') httpGraphQLRequest.search = toSearch(httpGraphQLRequest.search, operations[0]!);
      return context;
    }) as ContextThunk<TContext>,
  });
  const status = response.status ?? 200;
  if (status >= 400 && !contextFailed && options.onRejected && response.body.kind === 'complete') {
    // Refused by Apollo before any operation ran (CSRF, a malformed request) or answered by the pipeline: the
    // receiver tells the two apart by the context it built.
    const first = firstError(response.body.string);
    try {
      const requestId = await options.onRejected({ req, status, code: first.code, message: first.message, context });
      if (requestId) res.setHeader('x-request-id', requestId);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return sendReplacement(res, error);
    }
  }
  securityHeaders(res);
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = status;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function fromSearch(search: string): OperationRequest {
  const params = new URLSearchParams(search);
  const extensions = params.get('extensions');
  let parsed: unknown = extensions ?? undefined;
  try {
    if (extensions !== null) parsed = JSON.parse(extensions);
  } catch {
    // Apollo answers malformed extensions itself.
  }
  return { query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined, extensions: parsed };
}

/** A GET's JSON parameters (`variables`, `extensions`), parsed where they parse, for the depth check. */
function parsedSearchJson(search: string): unknown[] {
  const params = new URLSearchParams(search);
  const values: unknown[] = [];
  for (const name of ['variables', 'extensions']) {
    const text = params.get(name);
    if (text === null) continue;
    try {
      values.push(JSON.parse(text));
    } catch {
      // Apollo answers malformed JSON parameters itself.
    }
  }
  return values;
}

/** Writes back what the context builder resolved (a persisted document's text) into a GET's parameters. */
function toSearch(search: string, operation: OperationRequest): string {
  const params = new URLSearchParams(search);
  if (typeof operation.query === 'string' && params.get('query') !== operation.query) params.set('query', operation.query);
  if (typeof operation.extensions === 'object' && operation.extensions !== null) params.set('extensions', JSON.stringify(operation.extensions));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function firstError(body: string): { code: string; message: string } {
  try {
    const error = (JSON.parse(body) as { errors?: { message?: string; extensions?: { code?: string } }[] }).errors?.[0];
    return { code: error?.extensions?.code ?? 'BAD_REQUEST', message: error?.message ?? '' };
  } catch {
    return { code: 'BAD_REQUEST', message: '' };
  }
}

type BodyRead = { kind: 'ok'; text: string } | { kind: 'too-large' };

function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      resolve({ kind: 'too-large' });
    };
    const onEnd = () => resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/** Reads and drops the rest of an oversized body (so the client reads the 413), up to a bound; then cuts it off. */
function drain(req: IncomingMessage, maxBytes: number): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > 8 * maxBytes) req.destroy();
  });
  req.resume();
}

/** The answer `onRejected` gave instead (a 503, a 429): its status, headers (Retry-After) and extensions. */
function sendReplacement(res: ServerResponse, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } } & Record<string, unknown>;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  sendJson(res, http?.status ?? 500, { errors: [{ message: error.message, extensions: { ...extensions, code: String(extensions.code ?? 'INTERNAL_SERVER_ERROR') } }] });
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
