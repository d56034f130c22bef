/**
 * Ports that browsers and Node's fetch refuse (the Fetch standard's blocked ports) are warned about when the
 * gateway starts on one, in words that say what will go wrong; other ports are not.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FETCH_BLOCKED_PORTS, blockedPortWarning, portUnavailable } from '../../http/ports.ts';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-ports-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('blocked ports', () => {
  it('warns about a port on the Fetch standard\'s list, and not about others', () => {
    expect(blockedPortWarning(6000, 'The gateway')).toBe(
      'The gateway listens on port 6000, which browsers refuse (net::ERR_UNSAFE_PORT) and so does Node\'s fetch ("bad port"): it is on the Fetch standard\'s list of blocked ports. Choose another port.',
    );
    expect([6665, 6669, 10080, 5060].map((port) => blockedPortWarning(port, 'x') !== null)).toEqual([true, true, true, true]);
    expect([4000, 6010, 8080, 6001].map((port) => blockedPortWarning(port, 'x'))).toEqual([null, null, null, null]);
  });

  it('the gateway, started on one, says so on stderr', async () => {
    let port: number | undefined;
    for (const candidate of [...FETCH_BLOCKED_PORTS].filter((p) => p > 1024)) {
      if ((await portUnavailable(candidate, '127.0.0.1')) === null) {
        port = candidate;
        break;
      }
    }
    expect(port).toBeDefined();
    const { DATABASE_URL: _d, GOVGRAPH_PLATFORM_DB: _p, ...environment } = process.env;
    const gateway = spawn(process.execPath, ['--import', 'tsx', 'bin/gateway.ts', '--port', String(port), '--data-dir', dataDir], {
      cwd: repository, env: environment, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const warned = new Promise<void>((resolve, reject) => {
      gateway.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('\n') && stderr.includes('Choose another port.')) resolve();
      });
      gateway.once('exit', (code) => reject(new Error(`the gateway exited (${code}):\n${stderr}`)));
    });
    try {
      await warned;
    } finally {
      gateway.kill('SIGTERM');
    }
    expect(stderr.split('\n').filter((line) => line.includes('Warning'))).toEqual([`[gateway] Warning: ${blockedPortWarning(port!, 'The gateway')}`]);
  }, 60_000);
});
