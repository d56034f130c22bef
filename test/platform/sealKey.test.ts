/**
 * The sealing key as deployments configure it (bin/sealingConfig.ts): the embedded default seals with the key it
 * has; a production deployment (DATABASE_URL) starts only with a sealing key of its own, kept outside the data
 * directory and the databases' folders and readable by its owner alone, and says which setting to fix.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealingFromEnv } from '../../bin/sealingConfig.ts';
import { readSealKey, sealKeyPlacementProblem } from '../../platform/audit/sealKey.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';
import { loadOrCreateSigningKey, type SigningKey } from '../../sharing/signingKeys.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const base = mkdtempSync(join(tmpdir(), 'govgraph-seal-key-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const dataDir = join(base, 'data');
const secrets = join(base, 'secrets');
let grantKey: GrantKey;
let sealKey: SigningKey;
const sealKeyFile = join(secrets, 'seal-key.json');
beforeAll(async () => {
  grantKey = await loadOrCreateGrantKey(dataDir);
  sealKey = await loadOrCreateSigningKey({ privateKey: sealKeyFile, jwks: join(secrets, 'seal-jwks.json') }, 'seal');
});

const gateway = () => ({ dataDir, department: null, developmentKey: grantKey, developmentKeyName: `the gateway grant key in ${join(dataDir, 'keys')}` });
const PRODUCTION = { DATABASE_URL: 'postgres://govgraph@db.internal:5432/govgraph' };

describe('the sealing key', () => {
  it('seals the embedded default with the key it has, anchored beside its data, on the platform schedule', async () => {
    const sealing = await sealingFromEnv({}, gateway());
    expect(sealing).toEqual({
      trail: {
        sealSigner: { privateKey: grantKey.privateKey, kid: grantKey.kid }, sealEvery: 1000, sealIntervalMs: 60_000,
        anchor: { file: join(dataDir, 'audit-anchors.jsonl'), trail: 'platform' },
      },
      jwks: grantKey.jwks,
    });
    const department = await sealingFromEnv({ GOVGRAPH_SEAL_ANCHOR_FILE: join(base, 'auditor', 'anchors.jsonl') }, { ...gateway(), department: 'tax' });
    expect(department.trail.anchor).toEqual({ file: join(base, 'auditor', 'anchors.jsonl'), trail: 'department:tax' });
  });

  it('refuses a production start without a sealing key of its own, naming the setting', async () => {
    await expect(sealingFromEnv(PRODUCTION, gateway())).rejects.toThrow(
      `GOVGRAPH_SEAL_KEY_FILE is not set: with DATABASE_URL (a production deployment) audit seals must be signed with a key kept apart from the ` +
        `data directory (${dataDir}), not with the gateway grant key in ${join(dataDir, 'keys')}. Create a sealing key outside it ` +
        '(docs/DEPLOYMENT.md, "The sealing key") and set GOVGRAPH_SEAL_KEY_FILE to its path.',
    );
  });

  it('refuses a sealing key inside the data directory or a database folder, also through a link, or readable by others', async () => {
    const inData = join(dataDir, 'keys', 'gateway-grant-key.json');
    await expect(sealingFromEnv({ ...PRODUCTION, GOVGRAPH_SEAL_KEY_FILE: inData }, gateway())).rejects.toThrow(
      `Refusing to start: GOVGRAPH_SEAL_KEY_FILE (${inData}) is inside ${dataDir} (--data-dir / GOVGRAPH_DATA_DIR): whoever can rewrite the trail there could read the key`,
    );
    const link = join(secrets, 'linked-key.json');
    symlinkSync(inData, link);
    await expect(sealingFromEnv({ ...PRODUCTION, GOVGRAPH_SEAL_KEY_FILE: link }, gateway())).rejects.toThrow(`GOVGRAPH_SEAL_KEY_FILE (${inData}) is inside ${dataDir}`);

    const databases = join(base, 'databases');
    mkdirSync(databases);
    const besideDatabase = join(databases, 'seal-key.json');
    writeFileSync(besideDatabase, JSON.stringify(readJson(sealKeyFile)), { mode: 0o600 });
    const withDatabase = { ...gateway(), databaseFolders: [{ path: databases, setting: "tax's database" }] };
    await expect(sealingFromEnv({ ...PRODUCTION, GOVGRAPH_SEAL_KEY_FILE: besideDatabase }, withDatabase)).rejects.toThrow(
      `GOVGRAPH_SEAL_KEY_FILE (${besideDatabase}) is inside ${databases} (tax's database)`,
    );

    const readable = join(secrets, 'readable-key.json');
    writeFileSync(readable, JSON.stringify(readJson(sealKeyFile)));
    chmodSync(readable, 0o644);
    await expect(sealingFromEnv({ ...PRODUCTION, GOVGRAPH_SEAL_KEY_FILE: readable }, gateway())).rejects.toThrow(
      `Refusing to start: GOVGRAPH_SEAL_KEY_FILE (${readable}) can be read by other users (mode 0644): chmod 600 it, owned by the user the process runs as.`,
    );
  });

  it('seals a production trail with a key kept apart, verified by its public half alone', async () => {
    const sealing = await sealingFromEnv({ ...PRODUCTION, GOVGRAPH_SEAL_KEY_FILE: sealKeyFile }, gateway());
    expect(sealing.trail.sealSigner.kid).toBe(sealKey.kid);
    expect(sealing.jwks).toEqual(sealKey.jwks);
    expect(sealKeyPlacementProblem(sealKeyFile, [{ path: dataDir, setting: 'GOVGRAPH_DATA_DIR' }])).toBeNull();
  });

  it('names a sealing key file that is missing or not a private ES256 key', async () => {
    await expect(readSealKey(join(secrets, 'none.json'))).rejects.toThrow(
      `GOVGRAPH_SEAL_KEY_FILE: no sealing key at ${join(secrets, 'none.json')}. Create it (docs/DEPLOYMENT.md, "The sealing key") or correct the path.`,
    );
    await expect(readSealKey(join(secrets, 'seal-jwks.json'))).rejects.toThrow(
      `GOVGRAPH_SEAL_KEY_FILE: ${join(secrets, 'seal-jwks.json')} is not a private ES256 key with a kid ({ "kty": "EC", "crv": "P-256", "d": …, "kid": … }).`,
    );
  });

  it('stops bin/gateway.ts before it serves anything when DATABASE_URL is set without a sealing key', async () => {
    const started = await run(process.execPath, ['--import', 'tsx', 'bin/gateway.ts', '--data-dir', dataDir, '--port', '0'], {
      cwd: root, env: { ...withoutSealingEnv(), ...PRODUCTION },
    }).then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }));
    expect(started).toEqual({ code: 1, stderr: expect.stringContaining('[gateway] not started: GOVGRAPH_SEAL_KEY_FILE is not set: with DATABASE_URL') });
  });
});

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function withoutSealingEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, GOVGRAPH_SEAL_KEY_FILE: _key, GOVGRAPH_SEAL_ANCHOR_FILE: _anchor, GOVGRAPH_JWKS_URL: _jwks, ...rest } = process.env;
  return rest;
}
