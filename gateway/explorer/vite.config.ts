/**
 * Builds the explorer's browser pages (GraphiQL with the explorer plugin, the catalogue, the department dashboard and the residents' page) into static files
 * under `dist/`, served by the gateway below `/explorer/`. Everything the pages need (scripts, styles, fonts,
 * Monaco's web workers) is bundled: a closed government network has no CDN to load from.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const client = fileURLToPath(new URL('./client/', import.meta.url));

export default defineConfig({
  root: client,
  base: '/explorer/',
  logLevel: 'warn',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 8_000,
    // No inline module-preload polyfill: every script is a file, so the pages' CSP needs no 'unsafe-inline'.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // React libraries' "use client" directives mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        graphiql: `${client}graphiql.html`,
        catalog: `${client}catalog.html`,
        dashboard: `${client}dashboard.html`,
        residents: `${client}residents.html`,
      },
    },
  },
  worker: { format: 'es' },
});
