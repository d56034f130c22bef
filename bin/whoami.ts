/**
 * `npm run whoami -- <token> [--data-dir data] [--json]` (or the token in $TOKEN): says who a caller token speaks
 * for — application, department, roles, issuer, audience, when it was issued and when it expires — and whether
 * its signature verifies with the embedded default's development key. A resident's token (audience
 * `govgraph-resident`) is described as one: the resident it signs in (their ID masked), checked against the
 * development resident key. It decodes; it never mints or writes anything, and a token it cannot decode is exit 1
 * with the reason.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandLine, runCommand, usageError, CommandFailure } from './commandLine.ts';

const spec = {
  usage: 'npm run whoami -- <token> [--data-dir data] [--json]',
  summary: 'Decodes a caller token: who it speaks for, its roles, when it expires, and whether the development key signed it.',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  help: {
    'data-dir': 'where the development key is read from to check the signature (default GOVGRAPH_DATA_DIR, else ./data)',
    json: 'print the claims and the checks as JSON',
  },
  positionals: [0, 1],
  notes: ['Without <token>, the token in the environment variable TOKEN is decoded.', 'Exit 0 when decoded (even if expired), 1 when it is not a token.'],
} as const;
const { values: flags, positionals } = parseCommandLine(spec);
const token = (positionals[0] ?? process.env.TOKEN ?? '').replace(/^Bearer\s+/i, '').trim();
if (token === '') usageError(spec, 'Pass the token to decode (or set TOKEN).');

await runCommand(async () => {
  const { decodeJwt, decodeProtectedHeader, createLocalJWKSet, jwtVerify } = await import('jose');
  const { developmentKeyFiles, developmentResidentKeyFiles, DEVELOPMENT_ISSUER, GATEWAY_AUDIENCE } = await import('../gateway/identify/developmentKeys.ts');
  const { DEVELOPMENT_RESIDENT_ISSUER, RESIDENT_APPLICATION, RESIDENT_AUDIENCE } = await import('../sharing/residents.ts');
  const { validateResidentId } = await import('../sharing/identifiers/index.ts');
  const { readJwksIfAny } = await import('../sharing/signingKeys.ts');
  let claims: Record<string, unknown>;
  let header: Record<string, unknown>;
  try {
    claims = decodeJwt(token);
    header = decodeProtectedHeader(token);
  } catch (error) {
    throw new CommandFailure(`This is not a JWT (${(error as Error).message}); tokens look like three base64url parts joined by dots.`);
  }
  const now = Math.floor(Date.now() / 1000);
  const at = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null);
  const exp = typeof claims.exp === 'number' ? claims.exp : null;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  // A resident's token names the residents' audience; it is checked against the residents' development key.
  const resident = audiences.includes(RESIDENT_AUDIENCE);
  const dataDir = resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data');
  const jwksFile = (resident ? developmentResidentKeyFiles(dataDir) : developmentKeyFiles(dataDir)).jwks;
  const keyName = resident ? 'the development resident key' : 'the development key';
  const jwks = existsSync(jwksFile) ? readJwksIfAny(jwksFile) : null;
  let signature: string;
  if (!jwks) {
    signature = resident
      ? `not checked: no development resident key set at ${jwksFile} (a production resident token is checked by the gateway against GOVGRAPH_RESIDENT_JWKS_URL)`
      : `not checked: no development key set at ${jwksFile} (a production token is checked by the gateway against GOVGRAPH_JWKS_URL)`;
  } else {
    try {
      // The signature only: expiry, issuer and audience are reported below, whatever they are.
      await jwtVerify(token, createLocalJWKSet(jwks), { currentDate: new Date(((exp ?? now) - 1) * 1000) });
      signature = `verified with ${keyName} (${jwksFile})`;
    } catch (error) {
      signature = `does not verify with ${keyName} (${jwksFile}): ${(error as Error).message}`;
    }
  }
  const expiry =
    exp === null ? 'never (no exp claim: the gateway refuses it)'
      : exp > now ? `${at(exp)} (in ${duration(exp - now)})`
        : `${at(exp)} (expired ${duration(now - exp)} ago; the gateway allows 30 s of clock skew)`;
  const residentCheck = resident ? validateResidentId(claims.sub) : null;
  const problems = resident ? [
    ...(claims.iss !== DEVELOPMENT_RESIDENT_ISSUER ? [`issuer ${JSON.stringify(claims.iss ?? null)} is not the development resident issuer (${DEVELOPMENT_RESIDENT_ISSUER}): the gateway accepts it only if GOVGRAPH_RESIDENT_ISSUERS lists it`] : []),
    ...(residentCheck && !residentCheck.ok ? [`the subject (claim sub) is not a resident ID (${residentCheck.reason}): the gateway refuses it`] : []),
    ...(claims.dept !== undefined ? ['it carries a department (claim dept): the gateway refuses a resident token that does'] : []),
  ] : [
    ...(claims.iss !== DEVELOPMENT_ISSUER ? [`issuer ${JSON.stringify(claims.iss ?? null)} is not the development issuer (${DEVELOPMENT_ISSUER}): the gateway accepts it only if GOVGRAPH_ISSUERS lists it`] : []),
    ...(claims.aud !== GATEWAY_AUDIENCE && !(Array.isArray(claims.aud) && claims.aud.includes(GATEWAY_AUDIENCE)) ? [`audience ${JSON.stringify(claims.aud ?? null)} is not "${GATEWAY_AUDIENCE}": the gateway refuses it`] : []),
    ...(typeof claims.dept !== 'string' ? ['no department (claim dept): the gateway refuses it'] : []),
  ];
  if (flags.json) {
    console.log(JSON.stringify({ header, claims, expired: exp !== null && exp <= now, signature, problems }, null, 2));
    return;
  }
  const roles = Array.isArray(claims.roles) ? (claims.roles as unknown[]).join(', ') : '(none)';
  const who = resident
    ? [
      `resident     ${residentCheck?.ok ? maskResidentId(String(claims.sub)) : String(claims.sub ?? '(none)')} (a resident's own sign-in: their own accesses and corrections only)`,
      `application  ${RESIDENT_APPLICATION}`,
    ]
    : [`application  ${String(claims.sub ?? '(none)')}`, `department   ${String(claims.dept ?? '(none)')}`, `roles        ${roles}`];
  console.log([
    ...who,
    `issuer       ${String(claims.iss ?? '(none)')}`,
    `audience     ${Array.isArray(claims.aud) ? claims.aud.join(', ') : String(claims.aud ?? '(none)')}`,
    `issued       ${at(claims.iat) ?? '(unknown)'}`,
    `expires      ${expiry}`,
    `key          ${String(header.kid ?? '(no kid)')} (${String(header.alg)})`,
    `signature    ${signature}`,
    ...problems.map((p) => `problem      ${p}`),
  ].join('\n'));
});

/** A resident ID as the platform shows one to others: region and check character, the birth date and sequence hidden. */
function maskResidentId(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
  return `${Math.round(seconds / 86_400)} days`;
}
