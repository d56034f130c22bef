/**
 * Residents' sign-in from the environment. With `GOVGRAPH_RESIDENT_JWKS_URL` (or `GOVGRAPH_RESIDENT_JWKS_FILE`, a
 * local key set) the operator's identity provider for residents: its issuers (`GOVGRAPH_RESIDENT_ISSUERS`, required
 * then) and audience (`GOVGRAPH_RESIDENT_AUDIENCE`, default `govgraph-resident`). Without either, the embedded
 * default (no `GOVGRAPH_JWKS_URL`) signs residents in with its development resident key (`data/keys/`, generated on
 * first use; issuer `govgraph-resident-development`), and a production gateway signs no resident in.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JWK } from 'jose';
import { loadOrCreateDevelopmentResidentKey, type DevelopmentKey, type ResidentVerifierOptions } from '../gateway/identify/index.ts';
import { DEVELOPMENT_RESIDENT_ISSUER, RESIDENT_AUDIENCE } from '../sharing/residents.ts';

export interface ResidentsConfig {
  verification: ResidentVerifierOptions;
  /** The development resident key, in the embedded default only (the explorer's resident sign-in, `npm run token -- --resident`). */
  developmentKey: DevelopmentKey | null;
}

export async function residentsFromEnv(env: NodeJS.ProcessEnv, options: { dataDir: string; development: boolean }): Promise<ResidentsConfig | null> {
  const audience = env.GOVGRAPH_RESIDENT_AUDIENCE?.trim() || RESIDENT_AUDIENCE;
  if (env.GOVGRAPH_RESIDENT_JWKS_URL && env.GOVGRAPH_RESIDENT_JWKS_FILE) {
    throw new Error('Set GOVGRAPH_RESIDENT_JWKS_URL or GOVGRAPH_RESIDENT_JWKS_FILE, not both: residents\' tokens are verified with one key set.');
  }
  if (env.GOVGRAPH_RESIDENT_JWKS_URL || env.GOVGRAPH_RESIDENT_JWKS_FILE) {
    const issuers = (env.GOVGRAPH_RESIDENT_ISSUERS ?? '').split(',').map((issuer) => issuer.trim()).filter(Boolean);
    if (issuers.length === 0) throw new Error('GOVGRAPH_RESIDENT_ISSUERS must name the issuer of residents\' tokens (comma-separated) when a resident key set is configured.');
    const jwks = env.GOVGRAPH_RESIDENT_JWKS_URL ? urlOf(env.GOVGRAPH_RESIDENT_JWKS_URL) : keySetIn(resolve(env.GOVGRAPH_RESIDENT_JWKS_FILE!));
    return { verification: { jwks, issuers, audience }, developmentKey: null };
  }
  if (!options.development) return null;
  const developmentKey = await loadOrCreateDevelopmentResidentKey(options.dataDir);
  return { verification: { jwks: developmentKey.jwks, issuers: [DEVELOPMENT_RESIDENT_ISSUER], audience }, developmentKey };
}

function urlOf(value: string): URL {
  if (!URL.canParse(value) || !/^https?:/.test(value)) throw new Error(`GOVGRAPH_RESIDENT_JWKS_URL must be an http(s) URL; got "${value}".`);
  return new URL(value);
}

function keySetIn(file: string): { keys: JWK[] } {
  let parsed: { keys?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown };
  } catch (error) {
    throw new Error(`GOVGRAPH_RESIDENT_JWKS_FILE ${file} cannot be read as JSON: ${(error as Error).message}.`);
  }
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error(`GOVGRAPH_RESIDENT_JWKS_FILE ${file} is not a key set ({ "keys": [ … ] }).`);
  return parsed as { keys: JWK[] };
}
