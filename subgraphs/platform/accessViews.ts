/**
 * What one department may see of one audit record. The department that made a request (its consumer) sees the
 * whole request: every provider's entry. A provider sees only its own entry and its own agreements: it must not
 * learn what other providers served in the same request. Resident IDs a provider returned are shown raw only to
 * that provider (its own data); to anyone else masked, as the gateway shows `Person.idNumber` without an
 * agreement granting it raw, because an audit view must not hand out what the request itself did not.
 */
import type { AuditRecord, ProviderAccess as RecordedProviderAccess } from '../../platform/index.ts';
import { maskValue } from '../../sharing/masking.ts';
import { validateResidentId } from '../kit/identifiers/index.ts';
import type { Access, AccessOutcome, ProviderAccess, SubjectAccess, SubjectProviderAccess } from './__generated__/resolvers.ts';

/** The viewer's department, and the agreement ids of the record that are its own as a provider. */
export interface Viewer {
  department: string;
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
  const providers: SubjectProviderAccess[] = sortedProviders(record)
    .filter(([provider, access]) => access.subjects.includes(subject) && (asConsumer || provider === viewer.department))
    .map(([provider, access]) => ({ provider, served: access.served, masked: access.masked }));
  return { ...common(record), agreements: asConsumer ? record.agreements : [...viewer.ownAgreements], providers };
}

function accessOf(record: AuditRecord, agreements: readonly string[], providers: ProviderAccess[]): Access {
  return {
    ...common(record),
    kind: record.kind,
    operationName: record.operationName,
    outcome: record.outcome.toUpperCase() as AccessOutcome,
    agreements: [...agreements],
    providers,
  };
}

function common(record: AuditRecord) {
  return {
    sequence: record.sequence,
    time: record.time,
    requestId: record.requestId,
    consumer: { department: record.department, application: record.application },
    purpose: record.purpose,
  };
}

function providerEntries(record: AuditRecord, viewer: Viewer, shown: (provider: string) => boolean): ProviderAccess[] {
  return sortedProviders(record)
    .filter(([provider]) => shown(provider))
    .map(([provider, access]) => ({
      provider,
      served: access.served,
      masked: access.masked,
      denied: access.denied,
      subjects: provider === viewer.department ? access.subjects : access.subjects.map(maskResidentId),
    }));
}

function sortedProviders(record: AuditRecord): [string, RecordedProviderAccess][] {
  return Object.entries(record.providers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function maskResidentId(subject: string): string {
  return validateResidentId(subject).ok ? (maskValue(subject) as string) : subject;
}
