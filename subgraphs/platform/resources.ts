/**
 * What the platform subgraph's resolvers read: the platform store the gateway writes (the same `platform.sqlite`),
 * opened once per process and handed to each request only through its read side. The gateway is the one writer of
 * audit records; this subgraph queries the trail and looks agreements up, and nothing here can append, seal or
 * change an agreement.
 */
import DataLoader from 'dataloader';
import { openPlatformStore, type AgreementStore, type AuditTrail } from '../../platform/index.ts';
import type { DepartmentResources, ResourceContext } from '../kit/index.ts';

/** The audit trail's read side. */
export type AuditReader = Pick<AuditTrail, 'query'>;

export interface PlatformResources {
  audit: AuditReader;
  /** Agreement id -> its provider department (null when unknown), cached for the request. */
  agreementProvider: DataLoader<string, string | null>;
}

export type Context = ResourceContext<PlatformResources>;

/** Opens the platform store in `file` (created and migrated when missing, as the gateway would). */
export async function openPlatformResources(file: string): Promise<DepartmentResources<PlatformResources>> {
  const store = await openPlatformStore({ file });
  const audit: AuditReader = { query: (filter, page) => store.audit.query(filter, page) };
  const agreements: Pick<AgreementStore, 'get'> = store.agreements;
  return {
    forRequest: () => ({
      audit,
      agreementProvider: new DataLoader<string, string | null>((ids) =>
        Promise.all(ids.map(async (id) => (await agreements.get(id))?.provider ?? null)),
      ),
    }),
    close: () => store.close(),
  };
}
