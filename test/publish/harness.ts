/**
 * What the publish tests share: a temporary directory with a platform store (real SQLite) and a supergraph file
 * holding what the departments' code composes to today, and the departments' schema files to edit.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portUnavailable } from '../../http/ports.ts';
import { openPlatformStore, type AuditEntry, type PlatformStore } from '../../platform/index.ts';
import { composeDepartments } from '../../schema/departmentsSupergraph.ts';
import type { PublishContext } from '../../schema/publish/index.ts';
import { departments } from '../../subgraphs/departments.ts';

export interface PublishFixture {
  directory: string;
  store: PlatformStore;
  supergraphFile: string;
  /** What the departments' code composes to (the supergraph the fixture starts with). */
  initialSupergraph: string;
  context: PublishContext;
  stop(): Promise<void>;
}

/** Composing every department takes a second or two: once per test file is enough. */
let codeSupergraph: ReturnType<typeof composeDepartments> | undefined;

export async function publishFixture(options: { now?: () => Date } = {}): Promise<PublishFixture> {
  const directory = mkdtempSync(join(tmpdir(), 'govgraph-publish-'));
  const store = await openPlatformStore({ file: join(directory, 'platform.sqlite'), ...(options.now && { now: options.now }) });
  const composed = (codeSupergraph ??= composeDepartments());
  if (!composed.ok) throw new Error(`the departments do not compose:\n${composed.errors.join('\n')}`);
  const supergraphFile = join(directory, 'supergraph.graphql');
  writeFileSync(supergraphFile, composed.supergraphSdl);
  return {
    directory,
    store,
    supergraphFile,
    initialSupergraph: composed.supergraphSdl,
    context: { departments, store, supergraphFile, ...(options.now && { now: options.now }) },
    async stop() {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A department's schema.graphql as in the code. */
export function departmentSdl(id: string): string {
  return readFileSync(new URL(`../../subgraphs/${id}/schema.graphql`, import.meta.url), 'utf8');
}

/** `sdl` with `search` replaced by `replacement`; throws when `search` is not there (so an edit never silently misses). */
export function edit(sdl: string, search: string | RegExp, replacement: string): string {
  const edited = sdl.replace(search, replacement);
  if (edited === sdl) throw new Error(`edit: ${String(search)} not found`);
  return edited;
}

/** An audit entry of a gateway request, as the gateway records it. */
export function requestEntry(fields: {
  time: string;
  department: string;
  application: string;
  operationName: string | null;
  provider: string;
  served?: string[];
  denied?: string[];
}): AuditEntry {
  return {
    time: fields.time,
    requestId: `req-${fields.time}-${fields.operationName}`,
    application: fields.application,
    department: fields.department,
    purpose: null,
    agreements: [],
    operationName: fields.operationName,
    documentHash: 'a'.repeat(64),
    providers: { [fields.provider]: { served: [...(fields.served ?? [])].sort(), masked: [], denied: [...(fields.denied ?? [])].sort(), subjects: [] } },
    outcome: fields.denied?.length ? 'partial' : 'ok',
    status: 200,
    reason: null,
    durationMs: 3,
    kind: 'request',
  };
}

/** A directory that is a govgraph checkout as far as scaffolding needs: its package.json and subgraphs/ folder. */
export function checkout(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'govgraph', private: true }));
  mkdirSync(join(directory, 'subgraphs'));
  return directory;
}

/** The first port from `port` up that nothing on this machine listens on (other work shares it). */
export async function firstFreePort(port: number): Promise<number> {
  while ((await portUnavailable(port, '127.0.0.1')) !== null) port++;
  return port;
}
