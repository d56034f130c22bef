/**
 * What a resident may see of an audit record about them and of their correction requests. Of a record: when, the
 * consumer department (by name) and its application, the purpose, and, from the providers that returned the
 * resident (only those), the items they served and the agreements of theirs that granted them, in plain words. Never
 * the record's subjects (another person in the same request stays unseen), its request id, operation name,
 * outcome or sequence, nor a provider that did not return the resident.
 */
import type { AuditRecord, Objection } from '../../platform/index.ts';
import { departmentName, itemNameZh } from '../../platform/catalogue/index.ts';
import type { Agreement, SharingCatalogue } from '../../sharing/index.ts';
import type { Correction, NamedDepartment, ResidentAccess, ResidentItem } from './__generated__/resolvers.ts';

const ROOT_TYPES = new Set(['Query', 'Mutation']);

export function namedDepartment(id: string): NamedDepartment {
  const { title, titleZh } = departmentName(id);
  return { id, name: title, nameZh: titleZh };
}

export function residentItem(item: string, provider: string, catalogue: SharingCatalogue, masked = false): ResidentItem {
  return { item, provider: namedDepartment(provider), description: catalogue.items.get(item)?.description ?? null, nameZh: itemNameZh(item), masked };
}

/** The providers of `record` that reported returning `resident`, by id. */
export function providersReturning(record: AuditRecord, resident: string): string[] {
  return Object.entries(record.providers).filter(([, access]) => access.subjects.includes(resident)).map(([provider]) => provider).sort();
}

/**
 * The record as the resident sees it; `agreements` are the record's agreements already read (null: unreadable),
 * of which only those of a provider that returned the resident are shown.
 */
export function residentAccessView(record: AuditRecord, resident: string, catalogue: SharingCatalogue, agreements: readonly (Agreement | null)[]): ResidentAccess {
  const providers = providersReturning(record, resident);
  const items = providers.flatMap((provider) => {
    const access = record.providers[provider]!;
    // Data items only: a root field (Query.person) is how the data was asked for, not data about the resident.
    return access.served.filter((item) => !ROOT_TYPES.has(item.split('.')[0]!)).map((item) => residentItem(item, provider, catalogue, access.masked.includes(item)));
  });
  const used = agreements.filter((agreement): agreement is Agreement => agreement !== null && providers.includes(agreement.provider));
  return {
    time: record.time,
    department: namedDepartment(record.department ?? 'unknown'),
    application: record.application,
    purpose: record.purpose,
    agreements: used.map((agreement) => ({ id: agreement.id, provider: namedDepartment(agreement.provider), purpose: agreement.purpose, legalBasis: agreement.legalBasis })),
    items,
  };
}

/** A correction request as its resident sees it: the answer's note and time, not who in the department answered. */
export function correctionView(objection: Objection, catalogue: SharingCatalogue): Correction {
  return {
    id: objection.id,
    item: residentItem(objection.item, objection.provider, catalogue),
    description: objection.description,
    requestedAt: objection.reportedAt,
    deadline: objection.deadline,
    status: objection.status,
    overdue: objection.overdue,
    answer: objection.answer ? { note: objection.answer.note, at: objection.answer.at } : null,
  };
}
