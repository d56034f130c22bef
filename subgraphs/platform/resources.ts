/**
 * What the platform subgraph's resolvers use: the platform store the gateway writes (the same `platform.sqlite`),
 * opened once per process; the catalogue, read from the supergraph the gateway serves and re-read when that file
 * changes; and the sharing workflow over both. The gateway and this subgraph both append to the one audit trail
 * (requests there, workflow actions here); the trail chains each batch from the stored head inside an IMMEDIATE
 * transaction, so two processes appending form one chain. The audit views only read; only the workflow writes.
 */
import DataLoader from 'dataloader';
import type { Agreement } from '../../sharing/index.ts';
import { openPlatformStore, openWorkflow, type AgreementStore, type AuditTrail, type Workflow, type WorkflowOptions } from '../../platform/index.ts';
import { fileURLToPath } from 'node:url';
import { openStoreSupergraphCatalogue, openSupergraphCatalogue, type PublishedCatalogue, type PublishedCatalogueOptions, type SupergraphCatalogue } from '../../platform/catalogue/index.ts';
import { createVersionLookup, type SchemaVersionStore, type VersionLookup } from '../../platform/schemaRegistry/index.ts';

import type { DepartmentResources, ResourceContext } from '../kit/index.ts';

/** The audit trail's read side. */
export type AuditReader = Pick<AuditTrail, 'query' | 'count'>;

export interface PlatformResources {
  audit: AuditReader;
  /** Agreement id -> its provider department (null when unknown), cached for the request. */
  agreementProvider: DataLoader<string, string | null>;
  /** Agreement id -> the agreement (null when unknown), cached for the request. */
  agreement: DataLoader<string, Agreement | null>;
  /** The catalogue as of this request. */
  catalogue: PublishedCatalogue;
  workflow: Workflow;
  /** The schema registry's published versions (read only). */
  schemaVersions: Pick<SchemaVersionStore, 'list'>;
  /** The workflow's clock (for `inForce`). */
  now: () => Date;
}

export type Context = ResourceContext<PlatformResources>;

/** schema/supergraph.graphql, the committed supergraph (as `SUPERGRAPH_FILE` of schema/departmentsSupergraph.ts, which imports this module). */
export const COMMITTED_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export interface PlatformResourceOptions {
  /**
   * Where the catalogue's supergraph is: the SDL file the gateway loads (re-read when it changes), or `store` for
   * gateways serving `--supergraph store`: the newest supergraph published to the platform store (polled every
   * second; the committed file until something is published). Required.
   */
  supergraph: string;
  /**
   * A department's subgraph version for the catalogue. Default: its latest version published to the platform store
   * (`npm run publish`, `v<n>`), else a hash of its catalogue entries.
   */
  versionOf?: PublishedCatalogueOptions['versionOf'];
  /** Reply deadlines, holiday calendar, roles and clock of the workflow (see `openWorkflow`). */
  workflow?: Omit<WorkflowOptions, 'store' | 'catalogue'>;
}

/**
 * Opens the platform store at `file` (a SQLite file, or a postgres:// URL: the store the gateway replicas share;
 * created and migrated when missing, as the gateway would), the catalogue and the workflow.
 */
export async function openPlatformResources(file: string, options: PlatformResourceOptions): Promise<DepartmentResources<PlatformResources>> {
  const store = await openPlatformStore(/^postgres(ql)?:\/\//.test(file) ? { databaseUrl: file } : { file });
  let published: VersionLookup | null = null;
  let opened: SupergraphCatalogue | undefined;
  let workflow: Workflow;
  try {
    published = options.versionOf ? null : await createVersionLookup({ store: store.schemaVersions });
    const versionOf = options.versionOf ?? published!.versionOf;
    const catalogue = options.supergraph === 'store'
      ? await openStoreSupergraphCatalogue({ store: store.schemaVersions, fallbackFile: COMMITTED_SUPERGRAPH, versionOf })
      : openSupergraphCatalogue({ file: options.supergraph, versionOf });
    opened = catalogue;
    workflow = openWorkflow({ ...options.workflow, store, catalogue: () => catalogue.current().sharing });
  } catch (error) {
    opened?.close();
    published?.close();
    await store.close();
    throw error;
  }
  const catalogue = opened;
  const now = options.workflow?.now ?? (() => new Date());
  const audit: AuditReader = { query: (filter, page) => store.audit.query(filter, page), count: (filter) => store.audit.count(filter) };
  const agreements: Pick<AgreementStore, 'get'> = store.agreements;
  const schemaVersions: Pick<SchemaVersionStore, 'list'> = { list: (department) => store.schemaVersions.list(department) };
  return {
    forRequest: () => {
      const agreement = new DataLoader<string, Agreement | null>((ids) => Promise.all(ids.map(async (id) => (await agreements.get(id)) ?? null)));
      return {
        audit,
        agreement,
        agreementProvider: new DataLoader<string, string | null>(async (ids) =>
          (await agreement.loadMany(ids)).map((found) => (found instanceof Error ? found : found?.provider ?? null)),
        ),
        catalogue: catalogue.current(),
        workflow,
        schemaVersions,
        now,
      };
    },
    close: async () => {
      catalogue.close();
      published?.close();
      await store.close();
    },
    // The platform store answers (on PostgreSQL, over the network): the chain head is one indexed read.
    ready: async () => {
      await store.audit.head();
    },
  };
}
