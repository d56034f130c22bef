/**
 * The gateway's grant signing key (a signing key in the data directory, see signingKeys.ts), which every
 * department verifies grant tokens against. Departments read only the public half (`readGatewayJwks`); the
 * gateway alone holds the private key.
 */
import { join } from 'node:path';
import type { JWK } from 'jose';
import { loadOrCreateSigningKey, readJwksIfAny, type SigningKey } from './signingKeys.ts';

export type GrantKey = SigningKey;

export function grantKeyFiles(dataDir: string): { privateKey: string; jwks: string } {
  return {
    privateKey: join(dataDir, 'keys', 'gateway-grant-key.json'),
    jwks: join(dataDir, 'keys', 'gateway-jwks.json'),
  };
}

/** Reads the gateway's grant key, generating and saving it first when there is none. */
export function loadOrCreateGrantKey(dataDir: string): Promise<GrantKey> {
  return loadOrCreateSigningKey(grantKeyFiles(dataDir), 'grant');
}

/**
 * The public JWKS a department verifies grants with, as the gateway published it in `dataDir`. Throws a message
 * naming the file when the gateway has not created its key yet (start the gateway, or `loadOrCreateGrantKey`, first).
 */
export function readGatewayJwks(dataDir: string): { keys: JWK[] } {
  const file = grantKeyFiles(dataDir).jwks;
  const jwks = readJwksIfAny(file);
  if (!jwks) {
    throw new Error(
      `No gateway grant keys at ${file}: create them with loadOrCreateGrantKey("${dataDir}") (the gateway does on start) before starting a department.`,
    );
  }
  return jwks;
}
