/**
 * Security headers for every response govgraph serves: API answers may carry personal data, so they are never
 * cached, sniffed, framed or leaked through a referrer; HTML pages (GraphiQL, the catalogue) also get a
 * Content-Security-Policy that allows only the page's own origin. Call it before writing the head:
 * `securityHeaders(res)` for JSON, `securityHeaders(res, { html: true })` for a page.
 */
import type { ServerResponse } from 'node:http';

export interface SecurityHeaderOptions {
  /** An HTML page: a CSP that lets it load its own scripts, styles, workers and fonts. Default false (API: nothing may load). */
  html?: boolean;
  /** Replaces the default Content-Security-Policy (e.g. a page that needs one more source). */
  contentSecurityPolicy?: string;
  /** `Cache-Control` value. Default `no-store` (answers may hold personal data); static assets may pass e.g. `public, max-age=3600`. */
  cacheControl?: string;
}

/** What an HTML page of govgraph may load: its own origin only (inline styles allowed for editor widgets). */
export const HTML_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** An API answer loads nothing and may not be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers, as a plain object (for `writeHead` or a test's expectation). */
export function securityHeaderValues(options: SecurityHeaderOptions = {}): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': options.contentSecurityPolicy ?? (options.html ? HTML_CONTENT_SECURITY_POLICY : API_CONTENT_SECURITY_POLICY),
    'cache-control': options.cacheControl ?? 'no-store',
  };
}

/** Sets the security headers on `res` (before its head is written). */
export function securityHeaders(res: ServerResponse, options: SecurityHeaderOptions = {}): void {
  for (const [name, value] of Object.entries(securityHeaderValues(options))) res.setHeader(name, value);
}
