/**
 * What the workflow keeps about applications and objections, and the record stores underneath it. The record
 * stores write without checking roles, the catalogue or the audit trail: only the workflow (`openWorkflow`) may
 * call their writes. Asynchronous, like the agreement store, so a PostgreSQL store can replace the SQLite one.
 */
import type { Agreement, AgreementStatus } from '../../sharing/types.ts';
import type { DisputeRecords } from './disputeTypes.ts';

/** Who applied or reported: the caller's application and department. */
export interface WorkflowParty {
  application: string;
  department: string;
}

/** What the consumer asked for, kept as applied even when the approval narrows it. */
export interface ApplicationRequest {
  scenario: string;
  applicant: WorkflowParty;
  /** ISO timestamp of the application. */
  appliedAt: string;
  items: string[];
  validFrom: string;
  validUntil: string;
}

/** A recorded status change, as the agreement's history keeps it. */
export interface WorkflowChange {
  reason: string | null;
  /** The application id that made it. */
  actor: string;
  /** ISO timestamp. */
  at: string;
}

/** An agreement seen through the workflow: its current terms, what was applied for, and the provider's answers. */
export interface Application {
  /** As the gateway sees it: current items and period (narrowed when approved so), status with EXPIRED derived. */
  agreement: Agreement;
  /** Null for an agreement recorded outside the workflow (seeded or imported). */
  request: ApplicationRequest | null;
  /**
   * When the provider's reply is due: the end of the last working day (Asia/Shanghai), as the instant the next day
   * starts; computed when the application was made. Null when `request` is.
   */
  deadline: string | null;
  /** Still PENDING at or after its deadline. */
  overdue: boolean;
  decision: (WorkflowChange & { status: 'APPROVED' | 'REJECTED' }) | null;
  revocation: WorkflowChange | null;
}

export interface ApplicationQuery {
  /** Only agreements this department is consumer or provider of; null for every agreement. */
  visibleTo: string | null;
  consumer?: string;
  provider?: string;
  /** The status as reported (EXPIRED for approved agreements past their end). */
  status?: AgreementStatus;
  /** Only these statuses, as reported (the agreements view: APPROVED, EXPIRED, REVOKED). */
  statuses?: readonly AgreementStatus[];
  overdue?: boolean;
}

/** One page of a list ordered by id: at most `first` records after the one with id `afterId` (null: from the start). */
export interface PageRequest {
  first: number;
  afterId: string | null;
}

/** A page of records, and how many the whole list holds (every page of the same query, not just this one). */
export interface RecordPage<T> {
  records: T[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface NewApplicationRecord {
  agreement: Omit<Agreement, 'status'>;
  scenario: string;
  applicant: WorkflowParty;
  appliedAt: Date;
  deadline: Date;
}

export interface RecordedChange {
  actor: string;
  reason: string | null;
  at: Date;
}

export interface ApplicationRecords {
  /** Reserves the next id of the year (`AGR-2026-0012`): never reused, even when the action it was for fails. */
  reserveId(at: Date): Promise<string>;
  /** Records the PENDING agreement, its first status-history row and the application, in one transaction. */
  create(record: NewApplicationRecord): Promise<void>;
  /** PENDING → APPROVED with the (possibly narrowed) terms, in one transaction; AgreementError when no longer PENDING. */
  approve(id: string, terms: { items: string[]; validUntil: string }, change: RecordedChange): Promise<void>;
  /** PENDING → REJECTED or APPROVED → REVOKED, with the reason; AgreementError when the lifecycle forbids it. */
  close(id: string, status: 'REJECTED' | 'REVOKED', change: RecordedChange): Promise<void>;
  get(id: string, at: Date): Promise<Application | null>;
  /** By agreement id. */
  list(query: ApplicationQuery, at: Date): Promise<Application[]>;
  /** One page of `list`, with the count of the whole list (counted in the same snapshot on PostgreSQL). */
  page(query: ApplicationQuery, page: PageRequest, at: Date): Promise<RecordPage<Application>>;
}

export type ObjectionStatus = 'OPEN' | 'CORRECTED' | 'CONFIRMED_CORRECT';
export type ObjectionAnswer = Exclude<ObjectionStatus, 'OPEN'>;

/** A consumer's report that a record it received is wrong, and the provider's answer. */
export interface Objection {
  /** `OBJ-2026-0001`. */
  id: string;
  consumer: string;
  provider: string;
  /** `Type.field`. */
  item: string;
  /** The record's key: a resident ID, credit code or certificate number. */
  subjectKey: string;
  description: string;
  reporter: WorkflowParty;
  reportedAt: string;
  /** As for applications: the instant the provider's answer becomes late. */
  deadline: string;
  status: ObjectionStatus;
  answer: { note: string; actor: string; at: string } | null;
  /** Still OPEN at or after its deadline. */
  overdue: boolean;
}

export interface ObjectionQuery {
  visibleTo: string | null;
  consumer?: string;
  provider?: string;
  status?: ObjectionStatus;
  overdue?: boolean;
  /** Only objections about this record key (a resident's corrections: their resident ID). */
  subjectKey?: string;
}

export interface NewObjectionRecord {
  id: string;
  consumer: string;
  provider: string;
  item: string;
  subjectKey: string;
  description: string;
  reporter: WorkflowParty;
  reportedAt: Date;
  deadline: Date;
}

export interface ObjectionRecords {
  /** Reserves the next id of the year (`OBJ-2026-0003`). */
  reserveId(at: Date): Promise<string>;
  create(record: NewObjectionRecord): Promise<void>;
  /** OPEN → the answer; resolves false (nothing written) when it was answered already. */
  answer(id: string, status: ObjectionAnswer, note: string, actor: string, at: Date): Promise<boolean>;
  get(id: string, at: Date): Promise<Objection | null>;
  /** Oldest first (by id). */
  list(query: ObjectionQuery, at: Date): Promise<Objection[]>;
  /** One page of `list`, with the count of the whole list. */
  page(query: ObjectionQuery, page: PageRequest, at: Date): Promise<RecordPage<Objection>>;
}

export interface WorkflowRecords {
  applications: ApplicationRecords;
  objections: ObjectionRecords;
  disputes: DisputeRecords;
}
