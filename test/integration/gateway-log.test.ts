/**
 * The gateway's log says each thing once: loading a supergraph and switching to a new one are govgraph's own lines
 * ("[gateway] supergraph reloaded …"), without Apollo's duplicates ("Gateway successfully loaded schema", "Updated
 * Supergraph SDL was found"). Apollo's warnings and errors still come through.
 */
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayLogger } from '../../gateway/index.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';

const directory = mkdtempSync(join(tmpdir(), 'govgraph-gateway-log-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the gateway log', () => {
  it('has govgraph\'s reload line and none of Apollo\'s duplicates', async () => {
    const logged: string[] = [];
    const logger: GatewayLogger = { debug() {}, info: (m) => logged.push(String(m)), warn: (m) => logged.push(String(m)), error: (m) => logged.push(String(m)) };
    const file = join(directory, 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_FILE, file);
    const gateway = await startGateway({ supergraph: file, port: 0, anonymous: { application: 'log-test', department: 'tax' }, logger });
    try {
      const before = gateway.supergraphHash();
      // A new supergraph: the same one with a comment, which is enough to be another file (another hash).
      writeFileSync(`${file}.tmp`, `${readFileSync(file, 'utf8')}\n# reloaded\n`);
      renameSync(`${file}.tmp`, file);
      const deadline = Date.now() + 15_000;
      while (gateway.supergraphHash() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(gateway.supergraphHash()).not.toBe(before);
    } finally {
      await gateway.stop();
    }
    expect(logged.filter((line) => /successfully loaded schema|Updated Supergraph SDL|Mode: unmanaged/i.test(line))).toEqual([]);
    expect(logged.filter((line) => line.startsWith('[gateway] supergraph reloaded'))).toHaveLength(1);
  });
});
