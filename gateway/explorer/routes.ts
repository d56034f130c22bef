/**
 * The explorer's HTTP surface on the gateway: the pages (`/graphiql`, `/catalog`, `/dashboard`, and `/graphql` when
 * a browser GETs it; a browser opening `/` is sent to `/graphiql`), their assets (served in front of the router, so its 404 does not list every asset), and the JSON endpoints the pages call — configuration, the caller's agreements in force,
 * the caller's view of the catalogue, and (development identities only) the identity list and tokens. The JSON
 * endpoints verify the bearer token exactly as `/graphql` does (401 otherwise).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RequestHandler, type Routes } from '../../http/index.ts';
import { securityHeaders } from '../../http/securityHeaders.ts';
import type { Caller, SharingCatalogue } from '../../sharing/index.ts';
import { CallerRejected, type CallerVerifier } from '../identify/index.ts';
import type { GatewayLogger, GatewayOptions } from '../options.ts';
import { readPublishedCatalogue, type PublishedCatalogue } from '../../platform/catalogue/index.ts';
import { catalogueView } from './catalogueView.ts';
import { developmentIdentities, developmentResidentToken, developmentToken, IdentityRefused } from './developmentIdentities.ts';
import { readExamples } from './examples.ts';
import { resolveExplorerOptions, type ExplorerOptions } from './options.ts';
import { readBuiltPages } from './staticAssets.ts';
import type { AgreementsView, ExplorerConfigView } from './views.ts';

export interface ExplorerRouteOptions {
  explorer: ExplorerOptions;
  /** The gateway's identity options (the development identities must match them). */
  identity: GatewayOptions['identity'] | null;
  /** The gateway's residents' sign-in (the development resident key must match it). */
  residents: GatewayOptions['residents'] | null;
  /** The interface the gateway listens on (development identities only on a loopback one). */
  host: string;
  /** The gateway's caller verification, the one `/graphql` uses (the same tokens, the same cache). */
  verify: CallerVerifier;
  anonymous: GatewayOptions['anonymous'];
  agreements: GatewayOptions['agreements'];
  /** The catalogue of the supergraph now serving. */
  catalogue(): SharingCatalogue;
  /** The SDL of the supergraph now serving (the catalogue page's types, cycles and descriptions). */
  supergraphSdl(): string;
  logger: GatewayLogger;
}

export interface ExplorerRoutes {
  /** The pages and the JSON endpoints, for the gateway's router. */
  routes: Routes;
  /**
   * Wraps the gateway's router: answers the built assets (`/explorer/assets/…`) and a browser's GET of `/graphql`
   * without a query (GraphiQL); everything else goes to the router.
   */
  serve(router: RequestHandler): RequestHandler;
}

const GRAPHQL_PATH = '/graphql';
const ASSETS_PATH = '/explorer/assets/';

export function explorerRoutes(options: ExplorerRouteOptions): ExplorerRoutes {
  const config = resolveExplorerOptions(options.explorer, { identity: options.identity ?? undefined, residents: options.residents ?? undefined, host: options.host });
  const pages = readBuiltPages(config.assetsDir);
  if (!pages.built) options.logger.warn(`[explorer] no built pages in ${config.assetsDir}: /graphiql and /catalog answer 503 until \`npm run build:explorer\` runs`);
  const examples = readExamples(config.examplesDir, config.exampleVariables);
  const verify = options.verify;
  const development = config.developmentIdentities;
  const explorerConfig: ExplorerConfigView = {
    graphqlPath: GRAPHQL_PATH,
    signInRequired: !options.anonymous,
    developmentIdentities: development !== null,
    examples,
    residentSignIn: development?.residentKey ? 'development' : options.residents ? 'token' : 'off',
    exampleResident: development?.residentKey ? exampleResidentOf(config.exampleVariables) : null,
  };

  /** A JSON endpoint: method check, the caller when `authenticated`, errors as GraphQL-shaped JSON. */
  const json = (method: 'GET' | 'POST', authenticated: boolean, answer: (req: IncomingMessage, caller: Caller | null) => Promise<unknown>): RequestHandler =>
    (req, res) => {
      securityHeaders(res);
      if (req.method !== method) return fail(res, 405, 'METHOD_NOT_ALLOWED', `Use ${method} for ${req.url?.split('?')[0]}.`);
      (async () => {
        let caller: Caller | null = null;
        if (authenticated) {
          try {
            caller = await verify(req.headers.authorization);
          } catch (error) {
            if (error instanceof CallerRejected) return fail(res, 401, 'UNAUTHENTICATED', error.reason);
            throw error;
          }
        }
        sendJson(res, 200, await answer(req, caller));
      })().catch((error: unknown) => {
        if (error instanceof RequestRefused) return fail(res, error.status, error.code, error.message);
        options.logger.error(`[explorer] ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent) fail(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
      });
    };

  // Read once per supergraph: the catalogue page's view of it.
  let publishedFor: { sdl: string; catalogue: PublishedCatalogue } | null = null;
  const published = (): PublishedCatalogue => {
    const sdl = options.supergraphSdl();
    if (publishedFor?.sdl !== sdl) publishedFor = { sdl, catalogue: readPublishedCatalogue(sdl) };
    return publishedFor.catalogue;
  };

  const agreementsOf = async (caller: Caller) => {
    if (!options.agreements || caller.anonymous || caller.resident) return [];
    try {
      return await options.agreements.agreementsFor(caller.department, new Date());
    } catch (error) {
      options.logger.error(`[explorer] cannot read agreements: ${(error as Error).message}`);
      throw new RequestRefused(503, 'SERVICE_UNAVAILABLE', 'The agreement store cannot be read; try again shortly.');
    }
  };

  const routes: Routes = {
    '/graphiql': pages.page('graphiql'),
    '/catalog': pages.page('catalog'),
    '/dashboard': pages.page('dashboard'),
    '/residents': pages.page('residents'),
    '/explorer/config': json('GET', false, async () => explorerConfig),
    '/explorer/agreements': json('GET', true, async (_req, caller) => {
      const agreements = await agreementsOf(caller!);
      const view: AgreementsView = {
        caller: { application: caller!.application, department: caller!.department, roles: caller!.roles, ...(caller!.resident && { resident: caller!.resident }) },
        agreements: agreements.map(({ id, provider, items, purpose, legalBasis, validFrom, validUntil }) => ({ id, provider, items, purpose, legalBasis, validFrom, validUntil })),
      };
      return view;
    }),
      '/explorer/catalogue': json('GET', true, async (_req, caller) => catalogueView(published(), caller!, await agreementsOf(caller!))),
    '/explorer/identities': json('GET', false, async () => {
      if (!development) throw developmentIdentitiesOff();
      return developmentIdentities(development, options.catalogue());
    }),
    '/explorer/identities/token': json('POST', false, async (req) => {
      if (!development) throw developmentIdentitiesOff();
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new RequestRefused(415, 'BAD_REQUEST', 'Send the identity as JSON: {"department": "...", "role": "..."} with content-type application/json.');
      }
      const body = await readJson(req);
      try {
        return await developmentToken(development, options.catalogue(), body);
      } catch (error) {
        if (error instanceof IdentityRefused) throw new RequestRefused(400, 'BAD_REQUEST', error.message);
        throw error;
      }
    }),
    '/explorer/residents/token': json('POST', false, async (req) => {
      if (!development?.residentKey) throw new RequestRefused(404, 'NOT_FOUND', 'Residents\' development sign-in is off on this gateway: paste a token from the residents\' identity provider.');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new RequestRefused(415, 'BAD_REQUEST', 'Send the resident as JSON: {"resident": "<resident ID>"} with content-type application/json.');
      }
      try {
        return await developmentResidentToken(development, await readJson(req));
      } catch (error) {
        if (error instanceof IdentityRefused) throw new RequestRefused(400, 'BAD_REQUEST', error.message);
        throw error;
      }
    }),
  };

  return {
    routes,
    serve: (router) => (req, res) => {
      const url = req.url ?? '/';
      const path = url.split('?', 1)[0]!;
      if (path.startsWith(ASSETS_PATH)) {
        const asset = pages.assetRoutes[path];
        if (asset) return asset(req, res);
        securityHeaders(res);
        return fail(res, 404, 'NOT_FOUND', `No explorer asset ${path}: the page that asked for it is older than this gateway's build; reload it.`);
      }
      const browser = (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
      // A browser opening the gateway's root lands in GraphiQL; API clients still get the router's 404 listing the routes.
      if (path === '/' && browser) {
        securityHeaders(res);
        res.writeHead(302, { location: '/graphiql', 'content-type': 'text/plain; charset=utf-8' });
        return res.end('See /graphiql (GraphiQL), /catalog (the sharing catalogue) and /dashboard (the department dashboard).');
      }
      const wantsPage = path === GRAPHQL_PATH && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !/[?&]query=/.test(url);
      return wantsPage ? routes['/graphiql']!(req, res) : router(req, res);
    },
  };
}

class RequestRefused extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function developmentIdentitiesOff(): RequestRefused {
  return new RequestRefused(404, 'NOT_FOUND', 'Development identities are off on this gateway: paste a token issued for your application instead.');
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

const MAX_IDENTITY_BODY = 4096;

/** The resident the OneStop example opens with (`--example-resident`), offered on `/residents` in the embedded default. */
function exampleResidentOf(variables: Record<string, Record<string, unknown>>): string | null {
  const id = variables.OneStop?.id;
  return typeof id === 'string' ? id : null;
}

function readJson(req: IncomingMessage): Promise<{ department?: unknown; role?: unknown; resident?: unknown }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_IDENTITY_BODY) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_IDENTITY_BODY) return reject(new RequestRefused(413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${MAX_IDENTITY_BODY} bytes.`));
      try {
        const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
        resolve(value as { department?: unknown; role?: unknown; resident?: unknown });
      } catch {
        reject(new RequestRefused(400, 'BAD_REQUEST', 'The body is not a JSON object: send {"department": "...", "role": "..."}.'));
      }
    });
  });
}
