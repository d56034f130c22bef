/**
 * The built pages and assets, read into memory once at start (a few MB): each asset is looked up by its exact
 * path under `/explorer/assets/`, so no request path ever reaches the file system. Asset names carry a content
 * hash, so they may be cached for a year; the pages are never cached (they name the current assets).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '../../http/securityHeaders.ts';
import type { RequestHandler, Routes } from '../../http/index.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const PAGES = ['graphiql', 'catalog', 'dashboard', 'residents'] as const;

export interface BuiltPages {
  /** False when `npm run build:explorer` has not run: the pages answer 503 saying so. */
  built: boolean;
  page(name: (typeof PAGES)[number]): RequestHandler;
  /** Exact asset path -> handler. */
  assetRoutes: Routes;
}

export function readBuiltPages(dir: string): BuiltPages {
  const build = readBuild(dir);
  return {
    built: build !== null,
    assetRoutes: build?.assetRoutes ?? {},
    page: (name) => (req, res) => {
      if (!readOnly(req, res)) return;
      const body = build?.pages.get(name);
      securityHeaders(res, { html: true });
      if (!body) {
        const text = `<!doctype html><title>govgraph explorer not built</title><p>The explorer's pages are not built on this gateway. Run <code>npm run build:explorer</code> (also run by <code>npm install</code> and <code>npm start</code>), then restart the gateway.</p>`;
        res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}

/** The pages and assets; null when there is no build (or a build is being swapped in at this very moment). */
function readBuild(dir: string): { pages: Map<string, Buffer>; assetRoutes: Routes } | null {
  try {
    const pages = new Map(PAGES.map((name) => [name, readFileSync(join(dir, `${name}.html`))]));
    const assetRoutes: Routes = {};
    for (const file of readdirSync(join(dir, 'assets'))) {
      const body = readFileSync(join(dir, 'assets', file));
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      assetRoutes[`/explorer/assets/${file}`] = (req, res) => {
        if (!readOnly(req, res)) return;
        securityHeaders(res, { cacheControl: 'public, max-age=31536000, immutable' });
        res.writeHead(200, { 'content-type': type, 'content-length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
    }
    return { pages, assetRoutes };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function readOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  securityHeaders(res);
  res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${req.method} is not allowed here: pages and assets are read with GET.`);
  return false;
}
