/**
 * Child process: the govgraph gateway under test, as bin/gateway.ts deploys it: caller identity from the
 * development key in the data directory, agreements from `<data-dir>/platform.sqlite`, grants signed with the
 * gateway grant key, and the audit trail on (every request recorded, group-committed by a worker thread, before
 * its response; sealed with the grant key every minute and every 1,000 records). With `--no-audit` the same gateway runs without a
 * trail (`audit: null`), which shows what the trail costs. Nothing is logged but errors. Its one setting beyond the
 * defaults is the benchmark application's concurrent cost (below), as an operator sets it for a heavy client.
 *
 * Answers the IPC message `{ kind: 'audit-stats' }` with `{ kind: 'audit-stats', stats }`: the trail's
 * group-commit figures so far (null without a trail). Profiles its CPU on request (bench/profile/profiler.ts).
 *   tsx bench/gateways/govgraph.ts --data-dir <dir> --supergraph <file> --subgraph-url name=url... [--no-audit]
 */
import { join } from 'node:path';
import { startGateway } from '../../gateway/index.ts';
import { openWorkerAuditSink } from '../../platform/audit/worker/workerAuditSink.ts';
import { DEVELOPMENT_ISSUER, loadOrCreateDevelopmentKey } from '../../gateway/identify/index.ts';
import { openPlatformStore, type AuditStats } from '../../platform/index.ts';
import { loadOrCreateGrantKey } from '../../sharing/grantKeys.ts';
import { reportReady, runAsChild } from '../../bin/children.ts';
import { answerProfileRequests } from '../profile/profiler.ts';
import { readGatewayArgs } from './gatewayArgs.ts';

export interface AuditStatsMessage {
  kind: 'audit-stats';
  stats: AuditStats | null;
}

const { dataDir, supergraph, subgraphUrls, audit } = readGatewayArgs();
const callerKey = await loadOrCreateDevelopmentKey(dataDir);
const grantKey = await loadOrCreateGrantKey(dataDir);
const file = join(dataDir, 'platform.sqlite');
const sealing = { sealSigner: grantKey, sealIntervalMs: 60_000 };
const platform = await openPlatformStore({ file, ...(audit === 'inline' ? { audit: sealing } : {}) });
// As bin/gateway.ts deploys it: the trail written by a worker thread, sealed every minute and every 1,000 records
// (with --inline-audit: by the platform store's trail, on this event loop).
const trail = audit === true ? await openWorkerAuditSink({ file, trail: sealing }) : null;
const sink = audit === 'inline' ? platform.audit : trail;
const running = await startGateway({
  supergraph,
  port: 0,
  subgraphUrls,
  logger: { debug() {}, info() {}, warn: (m) => console.warn(m), error: (m) => console.error(m) },
  identity: { jwks: callerKey.jwks, issuers: [DEVELOPMENT_ISSUER] },
  agreements: platform.agreements,
  grantSigning: grantKey,
  audit: sink,
  // The benchmark's application may have its 20 connections' operations in flight at once: the nested fan-out is
  // estimated at 4,322, and the default (50,000 per application) would refuse a third of them with 429.
  applicationPolicy: { applications: { 'tax-bench': { limits: { maxConcurrentCost: 200_000 } } } },
});
process.on('message', (message: { kind?: string } | null) => {
  if (message?.kind === 'audit-stats') {
    void (trail ? trail.stats() : Promise.resolve(null)).then((stats) =>
      process.send?.({ kind: 'audit-stats', stats } satisfies AuditStatsMessage),
    );
  }
});
answerProfileRequests();
runAsChild(async () => {
  await running.stop();
  await trail?.close();
  await platform.close();
});
reportReady(running.url);
