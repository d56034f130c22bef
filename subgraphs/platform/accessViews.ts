/**
 * What one department may see of one audit record. The department that made a request (its consumer) sees the
 * whole request: every provider's entry. A provider sees only its own entry and its own agreements: it must not
 * learn what other providers served in the same request. Resident IDs a provider returned are shown raw to that
 * provider (its own data), and to the consumer only when the consumer received resident IDs raw in that very
 * request (the record lists `Person.idNumber` served and not masked); to anyone else masked, as the gateway shows
 * `Person.idNumber` without an agreement granting it raw, because an audit view must not hand out what the request
 * itself did not.
 */
import type { AuditRecord, ProviderAccess as RecordedProviderAccess } from '../../platform/index.ts';
import { maskValue } from '../../sharing/masking.ts';
import { validateResidentId } from '../../sharing/identifiers/index.ts';
import type { Access, AccessOutcome, ProviderAccess, SubjectAccess, SubjectProviderAccess } from './__generated__/resolvers.ts';

/** The viewer's department, and the agreement ids of the record that are its own as a provider. */
export interface Viewer {
  department: string;
  /** The viewer department's masking key (its grant's `mk`): masked resident IDs are its own pseudonyms. */
  maskingKey: Buffer | null;
  /** The record's agreements whose provider is the viewer (looked up by the caller, who may cache them). */
  ownAgreements: readonly string[];
}

/** The record as its consumer sees it: every provider, every agreement. */
export function consumerView(record: AuditRecord, viewer: Viewer): Access {
  return accessOf(record, record.agreements, providerEntries(record, viewer, () => true));
}

/** The record as one of its providers sees it: its own entry and agreements only. */
export function providerView(record: AuditRecord, viewer: Viewer): Access {
  return accessOf(record, viewer.ownAgreements, providerEntries(record, viewer, (provider) => provider === viewer.department));
}

/**
 * The record as an answer to "who obtained data about `subject`": the providers that returned the subject, all of
 * them for the record's consumer, the viewer's own entry for a provider.
 */
export function subjectView(record: AuditRecord, subject: string, viewer: Viewer): SubjectAccess {
  const asConsumer = record.department === viewer.department;
  const action = isAction(record);
  const providers: SubjectProviderAccess[] = sortedProviders(record)
    .filter(([provider, access]) => access.subjects.includes(subject) && (asConsumer || provider === viewer.department))
    .map(([provider, access]) => ({ provider, served: action ? [] : access.served, masked: action ? [] : access.masked }));
  return { ...common(record), agreements: asConsumer ? record.agreements : [...viewer.ownAgreements], providers, concerns: concerns(record) };
}

/** For a workflow action, the items it concerns (applied for, granted, withheld, objected to, disputed); none for a request. */
function concerns(record: AuditRecord): string[] {
  return isAction(record) ? [...new Set(Object.values(record.providers).flatMap((access) => [...access.served, ...access.denied]))].sort() : [];
}

function accessOf(record: AuditRecord, agreements: readonly string[], providers: ProviderAccess[]): Access {
  const action = isAction(record);
  return {
    ...common(record),
    operationName: record.operationName,
    outcome: record.outcome.toUpperCase() as AccessOutcome,
    agreements: [...agreements],
    // A workflow action serves and denies nothing: the items it concerns are listed apart.
    providers: action ? providers.map((entry) => ({ ...entry, served: [], masked: [], denied: [] })) : providers,
    concerns: concerns(record),
  };
}

/** A workflow action's record (an application, a decision, an objection), not a request for data. */
function isAction(record: AuditRecord): boolean {
  return record.kind !== 'request';
}

function common(record: AuditRecord) {
  return {
    sequence: record.sequence,
    time: record.time,
    requestId: record.requestId,
    kind: record.kind,
    consumer: { department: record.department, application: record.application },
    purpose: record.purpose,
  };
}

function providerEntries(record: AuditRecord, viewer: Viewer, shown: (provider: string) => boolean): ProviderAccess[] {
  const consumerSawRaw = record.department === viewer.department && receivedResidentIdsRaw(record);
  return sortedProviders(record)
    .filter(([provider]) => shown(provider))
    .map(([provider, access]) => ({
      provider,
      served: access.served,
      masked: access.masked,
      denied: access.denied,
      subjects: provider === viewer.department || consumerSawRaw ? access.subjects : access.subjects.map((subject) => maskResidentId(subject, viewer)),
    }));
}

/** The resident ID item as the catalogue names it: the one sensitive key of the graph. */
const RESIDENT_ID_ITEM = 'Person.idNumber';

/** Whether the request's consumer was served resident IDs unmasked in that request. */
function receivedResidentIdsRaw(record: AuditRecord): boolean {
  return Object.values(record.providers).some((access) => access.served.includes(RESIDENT_ID_ITEM) && !access.masked.includes(RESIDENT_ID_ITEM));
}

function sortedProviders(record: AuditRecord): [string, RecordedProviderAccess][] {
  return Object.entries(record.providers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function maskResidentId(subject: string, viewer: Viewer): string {
  return validateResidentId(subject).ok ? (maskValue(subject, viewer.maskingKey) as string) : subject;
}
