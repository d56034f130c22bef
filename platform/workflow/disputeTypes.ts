/**
 * What the workflow keeps about disputes, and the record store underneath it. A dispute follows the statutory
 * route: negotiation between the two departments, then the competent department (which coordinates), then the
 * common superior (which decides, finally); each stage is a step with its own deadline in working days. Like the
 * other record stores, this one writes without checking roles or the audit trail: only the workflow
 * (`disputes.ts`) may call its writes.
 */
import type { PageRequest, RecordPage, WorkflowParty } from './types.ts';

export type DisputeStage = 'NEGOTIATION' | 'COMPETENT_DEPARTMENT' | 'COMMON_SUPERIOR';

/** The stages in the order a dispute takes them. */
export const DISPUTE_STAGES: readonly DisputeStage[] = ['NEGOTIATION', 'COMPETENT_DEPARTMENT', 'COMMON_SUPERIOR'];

/**
 * SETTLED: the parties agreed (in negotiation, or coordinated by the competent department); UNRESOLVED: they did
 * not, and the consumer may escalate; UPHELD / DISMISSED: the common superior's decision for or against the
 * consumer. Only UNRESOLVED leaves the dispute open.
 */
export type DisputeOutcome = 'SETTLED' | 'UNRESOLVED' | 'UPHELD' | 'DISMISSED';
export type FinalDisputeOutcome = Exclude<DisputeOutcome, 'UNRESOLVED'>;

export type DisputeStatus = 'OPEN' | 'RESOLVED';

/** What is disputed: a refused application, or an objection left unanswered past its deadline. */
export type DisputeMatterKind = 'APPLICATION' | 'OBJECTION';

/** The outcome recorded at a step. */
export interface DisputeStepOutcome {
  outcome: DisputeOutcome;
  note: string;
  by: WorkflowParty;
  /** ISO timestamp. */
  at: string;
  /** The agreement in force that grants what was settled or upheld; the dispute itself never grants anything. */
  agreementId: string | null;
}

/** One stage of the route, as taken. */
export interface DisputeStep {
  stage: DisputeStage;
  /** The consumer, raising the dispute or escalating it. */
  openedBy: WorkflowParty;
  openedAt: string;
  /** The consumer's statement (the first step) or why it escalated. */
  reason: string;
  /** When this stage's outcome becomes late: the instant after its last working day (Asia/Shanghai). */
  deadline: string;
  /** No outcome recorded, and at or past its deadline. */
  overdue: boolean;
  outcome: DisputeStepOutcome | null;
}

export interface Dispute {
  /** `DSP-2026-0001`. */
  id: string;
  matter: { kind: DisputeMatterKind; id: string };
  consumer: string;
  provider: string;
  /** The items in dispute: those the refused application asked for, or the objection's item. */
  items: string[];
  /** Who coordinates at the second stage and who decides at the third, fixed when the dispute was raised. */
  competentDepartment: string;
  commonSuperior: string;
  raisedBy: WorkflowParty;
  raisedAt: string;
  statement: string;
  /** The stage it is at (or ended at). */
  stage: DisputeStage;
  status: DisputeStatus;
  /** The current stage's deadline. */
  deadline: string;
  /** OPEN, no outcome recorded at its stage, and at or past its deadline. */
  overdue: boolean;
  /** OPEN, not at the last stage, and its stage recorded UNRESOLVED or past its deadline: the consumer may escalate. */
  escalable: boolean;
  /** How it ended; null while OPEN. */
  outcome: FinalDisputeOutcome | null;
  /** The agreement the ending named (SETTLED or UPHELD with access granted); null otherwise. */
  agreementId: string | null;
  resolvedAt: string | null;
  /** Oldest first: one per stage taken. */
  steps: DisputeStep[];
}

export interface DisputeQuery {
  /**
   * Only disputes this department may see: its parties always, the competent department once it reached the
   * competent department, the common superior once it reached the common superior. Null for every dispute.
   */
  visibleTo: string | null;
  consumer?: string;
  provider?: string;
  /** Disputes about this item. */
  item?: string;
  stage?: DisputeStage;
  status?: DisputeStatus;
  overdue?: boolean;
}

export interface NewDisputeStep {
  stage: DisputeStage;
  openedBy: WorkflowParty;
  openedAt: Date;
  reason: string;
  deadline: Date;
}

export interface NewDisputeRecord {
  id: string;
  matter: { kind: DisputeMatterKind; id: string };
  consumer: string;
  provider: string;
  items: string[];
  competentDepartment: string;
  commonSuperior: string;
  /** The first step: NEGOTIATION, opened by the consumer with its statement. */
  first: NewDisputeStep;
}

export interface RecordedDisputeOutcome {
  outcome: DisputeOutcome;
  note: string;
  by: WorkflowParty;
  at: Date;
  agreementId: string | null;
}

export interface DisputeRecords {
  /** Reserves the next id of the year (`DSP-2026-0004`): never reused. */
  reserveId(at: Date): Promise<string>;
  /** Records the dispute and its first step in one transaction; resolves false (nothing written) when its matter has one already. */
  create(record: NewDisputeRecord): Promise<boolean>;
  /** Moves an OPEN dispute at `from` to the next stage with its step; resolves false (nothing written) when it is no longer there. */
  escalate(id: string, from: DisputeStage, step: NewDisputeStep): Promise<boolean>;
  /**
   * Records the outcome of the current step of an OPEN dispute at `stage` that has none yet; a final one resolves
   * the dispute. Resolves false (nothing written) when that no longer holds.
   */
  recordOutcome(id: string, stage: DisputeStage, outcome: RecordedDisputeOutcome): Promise<boolean>;
  get(id: string, at: Date): Promise<Dispute | null>;
  /** The dispute about an application or objection, if any. */
  forMatter(kind: DisputeMatterKind, matterId: string, at: Date): Promise<Dispute | null>;
  /** Oldest first (by id). */
  list(query: DisputeQuery, at: Date): Promise<Dispute[]>;
  /** One page of `list`, with the count of the whole list. */
  page(query: DisputeQuery, page: PageRequest, at: Date): Promise<RecordPage<Dispute>>;
}
