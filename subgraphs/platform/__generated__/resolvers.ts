import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../resources.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** One request through the gateway (or one workflow action), as its audit record shows it to you. */
export type Access = {
  __typename?: 'Access';
  /** Agreements that granted something in the request; in a provider's view, only its own agreements. */
  agreements: Array<Scalars['String']['output']>;
  /** For a workflow action: the items it concerns (applied for, granted, withheld, objected to), sorted; empty for a request. */
  concerns: Array<Scalars['String']['output']>;
  /** Who made the request. */
  consumer: AccessConsumer;
  /** `request` for a request through the gateway, or a workflow action such as `agreement.revoke`. */
  kind: Scalars['String']['output'];
  /** The operation name the request gave; null when it gave none. */
  operationName?: Maybe<Scalars['String']['output']>;
  /** How the request ended as a whole. */
  outcome: AccessOutcome;
  /**
   * What each provider served, masked and denied; in a provider's view, only its own entry. A workflow action serves
   * and denies nothing: its entries' lists are empty, and the items it concerns are in `concerns`.
   */
  providers: Array<ProviderAccess>;
  /** The purpose the request named (X-Purpose); null when it named none. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The gateway's request id (the response's x-request-id header). */
  requestId: Scalars['String']['output'];
  /** Position of the record in the audit trail's hash chain (1, 2, 3, …). */
  sequence: Scalars['Int']['output'];
  /** When the request started (ISO 8601, UTC). */
  time: Scalars['String']['output'];
};

/** A page of accesses, newest first. */
export type AccessConnection = {
  __typename?: 'AccessConnection';
  /** The accesses of this page. */
  nodes: Array<Access>;
  /** Where this page ends and whether another follows. */
  pageInfo: AccessPageInfo;
};

/** The department and application that made a request. */
export type AccessConsumer = {
  __typename?: 'AccessConsumer';
  /** The caller's application; null when the caller could not be identified. */
  application?: Maybe<Scalars['String']['output']>;
  /** The caller's department; null when the caller could not be identified. */
  department?: Maybe<Scalars['String']['output']>;
};

/** Narrows a list of accesses: every condition given must hold. */
export type AccessFilter = {
  /** The consumer department that made the request. */
  consumer?: InputMaybe<Scalars['String']['input']>;
  /** Accesses that started at or after this instant (ISO 8601, e.g. 2025-09-01T00:00:00Z). */
  from?: InputMaybe<Scalars['String']['input']>;
  /** An item (`Type.field`) served, masked or denied; with `provider`, by that provider. */
  item?: InputMaybe<Scalars['String']['input']>;
  /** The kind of record: `request` for requests through the gateway only, or one workflow action such as `agreement.apply`. */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** A provider department in the request. */
  provider?: InputMaybe<Scalars['String']['input']>;
  /** A subject key returned (resident ID, credit code, certificate number); with `provider`, by that provider. */
  subject?: InputMaybe<Scalars['String']['input']>;
  /** Accesses that started before this instant (ISO 8601). */
  to?: InputMaybe<Scalars['String']['input']>;
};

/** How a request ended as a whole. */
export type AccessOutcome =
  /** Refused by a sharing, identity or quota rule (unauthenticated, strict mode, a quota, every item withheld). */
  | 'DENIED'
  /** Failed. */
  | 'ERROR'
  /** Everything asked for was served. */
  | 'OK'
  /** Served, with some items denied. */
  | 'PARTIAL'
  /** Refused as a malformed or invalid request (bad JSON, a syntax or validation error, an operation limit). */
  | 'REJECTED';

/** Position of a page of accesses in the audit trail. */
export type AccessPageInfo = {
  __typename?: 'AccessPageInfo';
  /** Pass as `after` to read the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** Narrows agreements: every condition given must hold. */
export type AgreementFilter = {
  consumer?: InputMaybe<Scalars['String']['input']>;
  provider?: InputMaybe<Scalars['String']['input']>;
  /** APPROVED, EXPIRED or REVOKED. */
  status?: InputMaybe<AgreementStatus>;
};

/** Where an application or agreement stands. */
export type AgreementStatus =
  /** Approved: its items are granted for its purpose within its period. */
  | 'APPROVED'
  /** Approved, and its period has ended. */
  | 'EXPIRED'
  /** Applied for; the provider has not answered. */
  | 'PENDING'
  /** Rejected by the provider, with a reason. */
  | 'REJECTED'
  /** Withdrawn by the provider, with a reason. */
  | 'REVOKED';

/** The provider's answer to an application. */
export type ApplicationDecision =
  | 'APPROVE'
  | 'REJECT';

export type ApplicationDecisionInput = {
  decision: ApplicationDecision;
  /** The application id (e.g. AGR-2026-0001). */
  id: Scalars['String']['input'];
  /** APPROVE only: approve only these of the items applied for. Default all. */
  items?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Required to REJECT (it is recorded and shown to the consumer); optional otherwise. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** APPROVE only: end the approval earlier than applied for. Default the end applied for. */
  validUntil?: InputMaybe<Scalars['String']['input']>;
};

/** Narrows applications: every condition given must hold. */
export type ApplicationFilter = {
  /** Applications of this consumer department (yours, to list what you applied for). */
  consumer?: InputMaybe<Scalars['String']['input']>;
  /** Only PENDING applications at or past their reply deadline (true), or only the others (false). */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Applications to this provider department (yours, to list what you must decide). */
  provider?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<AgreementStatus>;
};

/** What an application produced. */
export type ApplyForSharingResult = {
  __typename?: 'ApplyForSharingResult';
  /** The PENDING application with its reply deadline; null when no item needed one. */
  application?: Maybe<SharingApplication>;
  /** Items asked for that are UNCONDITIONAL: every department may use them at once, without an application; they were not applied for. */
  availableWithoutApplication: Array<Scalars['String']['output']>;
  /** What happened, in a sentence. */
  message: Scalars['String']['output'];
};

/** The catalogue, or the part of it a filter selects. */
export type Catalogue = {
  __typename?: 'Catalogue';
  /** Every department providing items in the graph, with the version of its subgraph. */
  departments: Array<CatalogueDepartment>;
  /** Every matching item. */
  items: Array<CatalogueItem>;
  /** Resources with at least one matching item, each with the matching items. */
  resources: Array<CatalogueResource>;
};

/** A department as the catalogue knows it. */
export type CatalogueDepartment = {
  __typename?: 'CatalogueDepartment';
  /** Department id. */
  id: Scalars['String']['output'];
  /** Items it provides. */
  itemCount: Scalars['Int']['output'];
  /** Version of its subgraph the catalogue was derived from: `v<n>`, its latest version published to the platform store, or `sha256:` and 12 hex digits of its entries when it never published. */
  version: Scalars['String']['output'];
};

/** Narrows the catalogue: every condition given must hold for an item. */
export type CatalogueFilter = {
  /** Items this department provides (e.g. civil-affairs). */
  department?: InputMaybe<Scalars['String']['input']>;
  /** Items of this level. */
  level?: InputMaybe<ShareLevel>;
  /** Words that must all occur (case-insensitive) in the item's or its resource's name or description, or the item's reason. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A data item: one field of a resource and how it may be shared. */
export type CatalogueItem = {
  __typename?: 'CatalogueItem';
  /** How often the provider updates it; null when not stated. */
  cycle?: Maybe<ShareCycle>;
  /** What it holds. */
  description?: Maybe<Scalars['String']['output']>;
  /** Field name. */
  field: Scalars['String']['output'];
  /** `Type.field`, the name applications and agreements use. */
  item: Scalars['String']['output'];
  /** True for an entity key (it travels between departments to join records). */
  key: Scalars['Boolean']['output'];
  /** Sharing level. */
  level: ShareLevel;
  /** The department that provides it. */
  owner?: Maybe<Scalars['String']['output']>;
  /** The legal reason for its level (always given for CONDITIONAL and NONE). */
  reason?: Maybe<Scalars['String']['output']>;
  /** The resource (type) it belongs to. */
  resource: Scalars['String']['output'];
  /** Personal data shown masked unless an agreement grants it raw. */
  sensitive: Scalars['Boolean']['output'];
  /** GraphQL type of its values, e.g. [TaxArrear!]. */
  type: Scalars['String']['output'];
  /** Version of the provider's subgraph this entry came from. */
  version?: Maybe<Scalars['String']['output']>;
};

/** A data resource: a type of the graph with shared items. */
export type CatalogueResource = {
  __typename?: 'CatalogueResource';
  /** What the resource is. */
  description?: Maybe<Scalars['String']['output']>;
  /** Its items (those matching the filter). */
  items: Array<CatalogueItem>;
  /** Type name, e.g. Person. */
  name: Scalars['String']['output'];
  /** The department that provides the resource (for an entity, the provider of its key); null for the root types, which several departments extend. */
  owner?: Maybe<Scalars['String']['output']>;
  /** Every department providing one of its items. */
  providers: Array<Scalars['String']['output']>;
};

/** Your request to correct an item about you, and the department's answer. */
export type Correction = {
  __typename?: 'Correction';
  /** The department's answer; null while OPEN. */
  answer?: Maybe<CorrectionAnswer>;
  /** When the department's answer is due: the instant after the last working day (Asia/Shanghai) of the reply period. */
  deadline: Scalars['String']['output'];
  /** What you said is wrong. */
  description: Scalars['String']['output'];
  /** Id (OBJ-2026-0001): the objection it became. */
  id: Scalars['String']['output'];
  /** The item. */
  item: ResidentItem;
  /** Still OPEN at or after its deadline. */
  overdue: Scalars['Boolean']['output'];
  /** When you asked (ISO 8601, UTC). */
  requestedAt: Scalars['String']['output'];
  /** OPEN until answered, then CORRECTED or CONFIRMED_CORRECT. */
  status: ObjectionStatus;
};

/** The department's answer to a correction request. */
export type CorrectionAnswer = {
  __typename?: 'CorrectionAnswer';
  /** When (ISO 8601, UTC). */
  at: Scalars['String']['output'];
  /** What was corrected, or why the record stands. */
  note: Scalars['String']['output'];
};

/** A page of your correction requests, oldest first. */
export type CorrectionConnection = {
  __typename?: 'CorrectionConnection';
  /** The requests of this page. */
  nodes: Array<Correction>;
  /** Where this page ends and whether another follows. */
  pageInfo: WorkflowPageInfo;
  /** How many requests there are (every page). */
  totalCount: Scalars['Int']['output'];
};

export type CorrectionInput = {
  /** What is wrong, and what you believe is right (at most 2,000 characters). */
  description: Scalars['String']['input'];
  /** The item about you believed wrong, one of the catalogue's Person items (e.g. Person.name). */
  item: Scalars['String']['input'];
};

/** A dispute between a consumer and a provider, along the statutory route. */
export type Dispute = {
  __typename?: 'Dispute';
  /** The approved agreement the resolution named as granting access; null when none (a dispute itself grants nothing). */
  agreement?: Maybe<Scalars['String']['output']>;
  /** The department that decides it last, fixed when it was raised. */
  commonSuperior: Scalars['String']['output'];
  /** The department that coordinates it after negotiation, fixed when it was raised. */
  competentDepartment: Scalars['String']['output'];
  /** The department that raised it. */
  consumer: Scalars['String']['output'];
  /** When the current stage's outcome is due: the instant after the last working day (Asia/Shanghai) of the stage. */
  deadline: Scalars['String']['output'];
  /** The consumer may escalate it now: OPEN, not at the last stage, and its stage recorded UNRESOLVED or passed its deadline. */
  escalable: Scalars['Boolean']['output'];
  /** Id (DSP-2026-0001). */
  id: Scalars['String']['output'];
  /** The items in dispute (`Type.field`): those the application asked for, or the objection's item. */
  items: Array<Scalars['String']['output']>;
  /** What it is about. */
  matter: DisputeMatter;
  /** How it ended: SETTLED, UPHELD or DISMISSED; null while OPEN. */
  outcome?: Maybe<DisputeOutcome>;
  /** OPEN, no outcome recorded at its stage, and at or past its deadline. */
  overdue: Scalars['Boolean']['output'];
  /** The department it is raised against. */
  provider: Scalars['String']['output'];
  /** When (ISO 8601, UTC). */
  raisedAt: Scalars['String']['output'];
  /** Who raised it. */
  raisedBy: WorkflowParty;
  /** When it ended (ISO 8601, UTC); null while OPEN. */
  resolvedAt?: Maybe<Scalars['String']['output']>;
  /** The stage it is at, or ended at. */
  stage: DisputeStage;
  /** What the consumer asks for, and why. */
  statement: Scalars['String']['output'];
  /** OPEN until it ends. */
  status: DisputeStatus;
  /** Every stage taken, oldest first. */
  steps: Array<DisputeStep>;
};

/** A page of disputes, oldest first. */
export type DisputeConnection = {
  __typename?: 'DisputeConnection';
  /** The disputes of this page. */
  nodes: Array<Dispute>;
  /** Where this page ends and whether another follows. */
  pageInfo: WorkflowPageInfo;
  /** How many the whole list holds (every page), for the filter given. */
  totalCount: Scalars['Int']['output'];
};

/** Narrows disputes: every condition given must hold. */
export type DisputeFilter = {
  consumer?: InputMaybe<Scalars['String']['input']>;
  /** Disputes about this item (`Type.field`). */
  item?: InputMaybe<Scalars['String']['input']>;
  /** Only OPEN disputes whose stage is past its deadline without an outcome (true), or only the others (false). */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  provider?: InputMaybe<Scalars['String']['input']>;
  stage?: InputMaybe<DisputeStage>;
  status?: InputMaybe<DisputeStatus>;
};

/** The application or objection a dispute is about. */
export type DisputeMatter = {
  __typename?: 'DisputeMatter';
  /** Its id (AGR-2026-0001, OBJ-2026-0001). */
  id: Scalars['String']['output'];
  /** An application or an objection. */
  kind: DisputeMatterKind;
};

/** What a dispute is about. */
export type DisputeMatterKind =
  /** An application the provider refused. */
  | 'APPLICATION'
  /** An objection the provider left unanswered past its deadline. */
  | 'OBJECTION';

/** The outcome of a stage. */
export type DisputeOutcome =
  /** The common superior decided against the consumer; ends the dispute. */
  | 'DISMISSED'
  /** The departments agreed (in negotiation, or coordinated by the competent department); ends the dispute. */
  | 'SETTLED'
  /** They did not; the consumer may escalate. */
  | 'UNRESOLVED'
  /** The common superior decided for the consumer; ends the dispute. */
  | 'UPHELD';

export type DisputeOutcomeInput = {
  /** SETTLED or UPHELD, about an application: the agreement the provider approved that grants what was settled (in force, for a disputed item). */
  agreement?: InputMaybe<Scalars['String']['input']>;
  /** The dispute id (e.g. DSP-2026-0001). */
  id: Scalars['String']['input'];
  /** What was agreed or decided, and why; required. */
  note: Scalars['String']['input'];
  /** SETTLED or UNRESOLVED in negotiation and at the competent department; UPHELD or DISMISSED at the common superior. */
  outcome: DisputeOutcome;
};

/** The stages of the statutory route, in order. */
export type DisputeStage =
  /** Decision of the common superior (final). */
  | 'COMMON_SUPERIOR'
  /** Coordination by the competent department. */
  | 'COMPETENT_DEPARTMENT'
  /** Negotiation between the two departments. */
  | 'NEGOTIATION';

/** Where a dispute stands. */
export type DisputeStatus =
  /** At one of its stages. */
  | 'OPEN'
  /** Ended: settled, or decided by the common superior. */
  | 'RESOLVED';

/** One stage of a dispute, as taken. */
export type DisputeStep = {
  __typename?: 'DisputeStep';
  /** When its outcome is due. */
  deadline: Scalars['String']['output'];
  /** When (ISO 8601, UTC). */
  openedAt: Scalars['String']['output'];
  /** Who opened it: the consumer, raising or escalating. */
  openedBy: WorkflowParty;
  /** Its outcome; null when none was recorded. */
  outcome?: Maybe<DisputeStepOutcome>;
  /** No outcome recorded, and at or past its deadline. */
  overdue: Scalars['Boolean']['output'];
  /** The consumer's statement, or why it escalated. */
  reason: Scalars['String']['output'];
  /** The stage. */
  stage: DisputeStage;
};

/** The outcome recorded at a stage. */
export type DisputeStepOutcome = {
  __typename?: 'DisputeStepOutcome';
  /** The approved agreement it named as granting access; null when none. */
  agreement?: Maybe<Scalars['String']['output']>;
  /** When (ISO 8601, UTC). */
  at: Scalars['String']['output'];
  /** Who recorded it. */
  by: WorkflowParty;
  /** What was agreed or decided, and why. */
  note: Scalars['String']['output'];
  /** SETTLED, UNRESOLVED, UPHELD or DISMISSED. */
  outcome: DisputeOutcome;
};

export type EscalateDisputeInput = {
  /** The dispute id (e.g. DSP-2026-0001). */
  id: Scalars['String']['input'];
  /** Why the stage before did not settle it; required. */
  reason: Scalars['String']['input'];
};

/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Answers, as the `dept-admin` of the provider, an objection to one of your department's records; once. */
  answerObjection: Objection;
  /**
   * Applies, as a `dept-admin` of your department, to `provider` for its items. CONDITIONAL items (and sensitive
   * UNCONDITIONAL ones, to receive them unmasked) are applied for; other UNCONDITIONAL items need no application and
   * are listed in `availableWithoutApplication`; NONE items, unknown items and your own items are refused by name.
   * The provider must answer by the reply deadline (working days).
   */
  applyForSharing: ApplyForSharingResult;
  /** Approves (possibly fewer items or a shorter period) or rejects (with a reason) an application to your department, as its `dept-admin`; once. */
  decideApplication: SharingApplication;
  /**
   * Takes a dispute your department raised, as its `dept-admin`, to the next stage (the competent department, then
   * the common superior) once its stage recorded UNRESOLVED or passed its deadline without an outcome.
   */
  escalateDispute: Dispute;
  /**
   * Raises, as a `dept-admin` of your department, a dispute about an application of yours the provider refused, or an
   * objection of yours left unanswered past its deadline: it opens the negotiation with the provider, due within the
   * configured working days. One dispute per application or objection.
   */
  raiseDispute: Dispute;
  /**
   * Records the outcome of a dispute's current stage: in negotiation a `dept-admin` of either department (SETTLED or
   * UNRESOLVED), then a `dept-admin` of the competent department (SETTLED or UNRESOLVED), then of the common superior
   * (UPHELD or DISMISSED, final). A resolution grants access only by naming the approved agreement that grants it.
   */
  recordDisputeOutcome: Dispute;
  /** Reports, as a `dept-admin` or `app` of your department, a record received from another department that you believe wrong. */
  reportObjection: Objection;
  /**
   * For a signed-in resident: asks the department that provides an item about you (one of the catalogue's Person
   * items) to correct it. It becomes an objection to that department, due within the statutory working days, which it
   * answers as any objection (answerObjection); follow it in myCorrections. One open request per item.
   */
  requestCorrection: Correction;
  /** Revokes an approved agreement your department provides, as its `dept-admin`, with a reason; the gateway stops granting it from the next request. */
  revokeAgreement: SharingApplication;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationAnswerObjectionArgs = {
  input: ObjectionAnswerInput;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationApplyForSharingArgs = {
  input: SharingApplicationInput;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationDecideApplicationArgs = {
  input: ApplicationDecisionInput;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationEscalateDisputeArgs = {
  input: EscalateDisputeInput;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationRaiseDisputeArgs = {
  input: RaiseDisputeInput;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationRecordDisputeOutcomeArgs = {
  input: DisputeOutcomeInput;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationReportObjectionArgs = {
  input: ObjectionInput;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationRequestCorrectionArgs = {
  input: CorrectionInput;
};


/**
 * The sharing workflow of the Regulations on Government Data Sharing. The caller is the verified application and
 * department of the request (never an argument); each action needs a role of the right department (see each
 * field), is checked against the catalogue, and is itself recorded in the audit trail before it takes effect.
 * Errors carry `extensions.code`: BAD_USER_INPUT (with every `problems` found), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export type MutationRevokeAgreementArgs = {
  input: RevocationInput;
};

/** A department, named in plain words. */
export type NamedDepartment = {
  __typename?: 'NamedDepartment';
  /** Department id (e.g. civil-affairs). */
  id: Scalars['String']['output'];
  /** Its name in English (e.g. Civil Affairs). */
  name: Scalars['String']['output'];
  /** Its name in Chinese (e.g. 民政局); null when the catalogue has none. */
  nameZh?: Maybe<Scalars['String']['output']>;
};

/** A consumer's report that a record it received is wrong, and the provider's answer (verification and correction). */
export type Objection = {
  __typename?: 'Objection';
  /** The provider's answer (the outcome is the status). */
  answer?: Maybe<ObjectionAnswer>;
  /** The reporting department. */
  consumer: Scalars['String']['output'];
  /** When the provider's answer is due. */
  deadline: Scalars['String']['output'];
  /** What the consumer says is wrong. */
  description: Scalars['String']['output'];
  /** Id (OBJ-2026-0001). */
  id: Scalars['String']['output'];
  /** The item, `Type.field`. */
  item: Scalars['String']['output'];
  /** Still OPEN at or after its deadline. */
  overdue: Scalars['Boolean']['output'];
  /** The department whose record is disputed. */
  provider: Scalars['String']['output'];
  /** When (ISO 8601, UTC). */
  reportedAt: Scalars['String']['output'];
  /** Who reported it. */
  reporter: WorkflowParty;
  /** OPEN until answered, then the outcome. */
  status: ObjectionStatus;
  /** The record's key (resident ID, credit code or certificate number). */
  subjectKey: Scalars['String']['output'];
};

/** The provider's answer to an objection. */
export type ObjectionAnswer = {
  __typename?: 'ObjectionAnswer';
  /** The application that answered. */
  actor: Scalars['String']['output'];
  /** When (ISO 8601, UTC). */
  at: Scalars['String']['output'];
  /** What was corrected, or why the record stands. */
  note: Scalars['String']['output'];
};

export type ObjectionAnswerInput = {
  /** The objection id (e.g. OBJ-2026-0001). */
  id: Scalars['String']['input'];
  /** What was corrected, or why the record stands; required. */
  note: Scalars['String']['input'];
  outcome: ObjectionOutcome;
};

/** A page of objections, oldest first. */
export type ObjectionConnection = {
  __typename?: 'ObjectionConnection';
  /** The objections of this page. */
  nodes: Array<Objection>;
  /** Where this page ends and whether another follows. */
  pageInfo: WorkflowPageInfo;
  /** How many the whole list holds (every page), for the filter given. */
  totalCount: Scalars['Int']['output'];
};

/** Narrows objections: every condition given must hold. */
export type ObjectionFilter = {
  consumer?: InputMaybe<Scalars['String']['input']>;
  /** Only OPEN objections at or past their deadline (true), or only the others (false). */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  provider?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ObjectionStatus>;
};

export type ObjectionInput = {
  /** What is wrong, and what you believe is right. */
  description: Scalars['String']['input'];
  /** The item the wrong value came in, `Type.field`; its provider (from the catalogue) is asked. */
  item: Scalars['String']['input'];
  /** The record's key: a resident ID, credit code or certificate number. */
  subjectKey: Scalars['String']['input'];
};

/** How a provider answers an objection. */
export type ObjectionOutcome =
  /** The record was checked and is correct. */
  | 'CONFIRMED_CORRECT'
  /** The record was wrong and has been corrected. */
  | 'CORRECTED';

/** Where an objection stands. */
export type ObjectionStatus =
  /** The provider checked the record and it stands. */
  | 'CONFIRMED_CORRECT'
  /** The provider corrected the record. */
  | 'CORRECTED'
  /** Reported; the provider has not answered. */
  | 'OPEN';

/** What one provider department gave (or refused) in one request. */
export type ProviderAccess = {
  __typename?: 'ProviderAccess';
  /** Items denied, sorted. */
  denied: Array<Scalars['String']['output']>;
  /** Items served masked, sorted. */
  masked: Array<Scalars['String']['output']>;
  /** The provider department. */
  provider: Scalars['String']['output'];
  /** Items served (`Type.field`), sorted. */
  served: Array<Scalars['String']['output']>;
  /**
   * Keys of the entities the provider reported returning (resident IDs, credit codes, certificate numbers), sorted.
   * Resident IDs are shown masked unless the provider is your own department, or your department made the request
   * and received resident IDs unmasked in it.
   */
  subjects: Array<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * Which departments obtained data about one subject (a resident ID, a credit code, a certificate number), when,
   * for what purpose and under which agreements, newest first. You see a request when your department made it (then
   * every provider that returned the subject) or returned the subject in it (then your own entry only); another
   * department's request to a third department's items is never shown. A page at a time (first: 1 to 500).
   */
  accessesAbout: SubjectAccessConnection;
  /**
   * Every access to your department's items, newest first: the audit records in which your department was a
   * provider (items served, masked or denied), each showing only your own provider entry. Filter by time, consumer
   * department, item (one of yours) and subject (one your department returned); `provider` may only name your own
   * department. A page at a time (first: 1 to 500).
   */
  accessesToMyData: AccessConnection;
  /**
   * Agreements of your department: applications that were approved (status APPROVED while in force, EXPIRED after
   * their end, REVOKED when the provider withdrew them), oldest first, a page at a time (first: 1 to 500). `inForce`
   * says whether the gateway grants their items now.
   */
  agreements: SharingApplicationConnection;
  /** One application or agreement of your department (as consumer or provider); an id that does not exist and one of other departments answer alike (NOT_FOUND, naming no party). */
  application?: Maybe<SharingApplication>;
  /**
   * Sharing applications your department made (as consumer) or received (as provider), oldest first, a page at a
   * time (first: 1 to 500; `totalCount` counts every page), with each one's reply deadline and whether it is overdue
   * (still PENDING at or after it). Agreements recorded outside the workflow (the demo agreements) are listed too,
   * without a request or deadline. Any role of your department (`dept-admin`, `app`, `analyst`) may read them.
   */
  applications: SharingApplicationConnection;
  /**
   * The sharing catalogue: every resource (type) and item (field) of the composed graph with its owner department,
   * sharing level, description, legal reason, sensitivity, update cycle and the version of the owner's subgraph,
   * derived from the supergraph the gateway serves (re-read when it changes). Filter by department, level and text;
   * resources come with the items that match.
   */
  catalogue: Catalogue;
  /** One catalogue entry by its name (`Type.field`); null when the graph has no such item. */
  catalogueItem?: Maybe<CatalogueItem>;
  /** One dispute your department may see; an id that does not exist and one it may not see answer alike (NOT_FOUND, naming no party). */
  dispute?: Maybe<Dispute>;
  /**
   * Disputes your department may see, oldest first, a page at a time (first: 1 to 500; `totalCount` counts every
   * page): those it raised or is disputed by, and, as the competent department or the common superior, those that
   * reached it. Each with its stage, the stage's deadline (working days) and whether it is overdue. Any role of your
   * department may read them.
   */
  disputes: DisputeConnection;
  /**
   * Your department's own accesses, newest first: the audit records of requests your department made, with every
   * provider's entry (resident IDs returned by other providers masked, as the items themselves are). Filter by time,
   * provider, item and subject; `consumer` may only name your own department. A page at a time (first: 1 to 500).
   */
  myAccesses: AccessConnection;
  /**
   * For a signed-in resident: your requests to correct items about you (requestCorrection), oldest first, each with
   * the department asked, its reply deadline (working days) and, once answered, its answer. A page at a time
   * (first: 1 to 500).
   */
  myCorrections: CorrectionConnection;
  /**
   * For a signed-in resident (a resident's token, never a department's): every access a department made to data about
   * you, newest first: when, which department and application, which items (in plain words), for which purpose and
   * under which agreements. Only requests through the gateway in which a department returned data about you are
   * listed, each showing only the departments that returned it; no other person, no request id and nothing of the
   * departments' own internals. A page at a time (first: 1 to 500; `totalCount` counts every page).
   */
  myDataAccesses: ResidentAccessConnection;
  /** One objection your department reported or must answer; an id that does not exist and one of other departments answer alike (NOT_FOUND, naming no party). */
  objection?: Maybe<Objection>;
  /** Objections your department reported (as consumer) or must answer (as provider), oldest first, a page at a time (first: 1 to 500), with deadlines and overdue flags. */
  objections: ObjectionConnection;
  /**
   * The schema history: every version a department published (`npm run publish`), newest first, with who published
   * it, why, and what changed (breaking changes flagged); every department's, or one department's with
   * `department`. A page at a time (first: 1 to 500). The versions are public as the catalogue is: each is the
   * catalogue of its department as it was served.
   */
  schemaVersions: SchemaVersionConnection;
};


export type QueryAccessesAboutArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
  subject: Scalars['String']['input'];
};


export type QueryAccessesToMyDataArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccessFilter>;
  first: Scalars['Int']['input'];
};


export type QueryAgreementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AgreementFilter>;
  first: Scalars['Int']['input'];
};


export type QueryApplicationArgs = {
  id: Scalars['String']['input'];
};


export type QueryApplicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApplicationFilter>;
  first: Scalars['Int']['input'];
};


export type QueryCatalogueArgs = {
  filter?: InputMaybe<CatalogueFilter>;
};


export type QueryCatalogueItemArgs = {
  item: Scalars['String']['input'];
};


export type QueryDisputeArgs = {
  id: Scalars['String']['input'];
};


export type QueryDisputesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DisputeFilter>;
  first: Scalars['Int']['input'];
};


export type QueryMyAccessesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccessFilter>;
  first: Scalars['Int']['input'];
};


export type QueryMyCorrectionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
};


export type QueryMyDataAccessesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
};


export type QueryObjectionArgs = {
  id: Scalars['String']['input'];
};


export type QueryObjectionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ObjectionFilter>;
  first: Scalars['Int']['input'];
};


export type QuerySchemaVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  department?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
};

export type RaiseDisputeInput = {
  /** The refused application (e.g. AGR-2026-0001); give this or objection. */
  application?: InputMaybe<Scalars['String']['input']>;
  /** The objection unanswered past its deadline (e.g. OBJ-2026-0001); give this or application. */
  objection?: InputMaybe<Scalars['String']['input']>;
  /** What your department asks for, and why. */
  statement: Scalars['String']['input'];
};

/** One request in which departments obtained data about you. */
export type ResidentAccess = {
  __typename?: 'ResidentAccess';
  /** The agreements that granted items from the departments that returned your data. */
  agreements: Array<ResidentAgreement>;
  /** Its application that asked (the token's application id). */
  application?: Maybe<Scalars['String']['output']>;
  /** The department that asked. */
  department: NamedDepartment;
  /** The items the departments that returned data about you served in that request (a request about several people lists what was served for all of them). */
  items: Array<ResidentItem>;
  /** The purpose the request named (X-Purpose); null when it named none. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** When the request started (ISO 8601, UTC). */
  time: Scalars['String']['output'];
};

/** A page of accesses to your data, newest first. */
export type ResidentAccessConnection = {
  __typename?: 'ResidentAccessConnection';
  /** The accesses of this page. */
  nodes: Array<ResidentAccess>;
  /** Where this page ends and whether another follows. */
  pageInfo: AccessPageInfo;
  /** How many accesses there are (every page). */
  totalCount: Scalars['Int']['output'];
};

/** An agreement a department used, in plain words. */
export type ResidentAgreement = {
  __typename?: 'ResidentAgreement';
  /** Id (AGR-2025-0004). */
  id: Scalars['String']['output'];
  /** The law or regulation it rests on. */
  legalBasis?: Maybe<Scalars['String']['output']>;
  /** The department that provides under it. */
  provider: NamedDepartment;
  /** Its purpose code. */
  purpose?: Maybe<Scalars['String']['output']>;
};

/** An item about you, in plain words. */
export type ResidentItem = {
  __typename?: 'ResidentItem';
  /** What it holds, as the catalogue describes it. */
  description?: Maybe<Scalars['String']['output']>;
  /** `Type.field`, as the catalogue names it (e.g. Person.name). */
  item: Scalars['String']['output'];
  /** True when it was served masked (e.g. the resident ID shown as 110101********1234). */
  masked: Scalars['Boolean']['output'];
  /** Its name in Chinese (信息项名称); null when the catalogue has none. */
  nameZh?: Maybe<Scalars['String']['output']>;
  /** The department that provides it. */
  provider: NamedDepartment;
};

export type RevocationInput = {
  /** The agreement id. */
  id: Scalars['String']['input'];
  /** Why it is revoked; required. */
  reason: Scalars['String']['input'];
};

/** One change a published version made. */
export type SchemaChange = {
  __typename?: 'SchemaChange';
  /** True when it can break a consumer's operation. */
  breaking: Scalars['Boolean']['output'];
  /** Schema coordinate: Type, Type.field, Type.field(arg:), Enum.VALUE. */
  coordinate: Scalars['String']['output'];
  /** The change in one sentence. */
  description: Scalars['String']['output'];
  /** e.g. FIELD_ADDED, FIELD_REMOVED, LEVEL_TIGHTENED. */
  kind: Scalars['String']['output'];
};

/** One published version of a department's subgraph. */
export type SchemaVersion = {
  __typename?: 'SchemaVersion';
  /** Who published it: a person or a pipeline. */
  actor: Scalars['String']['output'];
  /** Every change against the supergraph served before it. */
  changes: Array<SchemaChange>;
  /** The department. */
  department: Scalars['String']['output'];
  /** When it was published (ISO 8601, UTC). */
  publishedAt: Scalars['String']['output'];
  /** Why; always given for a breaking change. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The version it republishes (a rollback); null otherwise. */
  rollbackOf?: Maybe<Scalars['Int']['output']>;
  /** sha256 (hex) of the department's SDL as published. */
  schemaHash: Scalars['String']['output'];
  /** 1, 2, 3… per department; the catalogue shows it as `v<n>`. */
  version: Scalars['Int']['output'];
};

/** A page of published schema versions, newest first. */
export type SchemaVersionConnection = {
  __typename?: 'SchemaVersionConnection';
  /** The versions of this page. */
  nodes: Array<SchemaVersion>;
  /** Where this page ends and whether another follows. */
  pageInfo: WorkflowPageInfo;
  /** How many versions the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** How often the providing department updates a data item (the catalogue's update cycle). */
export type ShareCycle =
  /** Once a day. */
  | 'DAILY'
  /** Once a month. */
  | 'MONTHLY'
  /** When the underlying registration changes, at no fixed interval. */
  | 'ON_CHANGE'
  /** Once a quarter. */
  | 'QUARTERLY'
  /** As it happens: the value served is the department's current record. */
  | 'REAL_TIME'
  /** Once a week. */
  | 'WEEKLY'
  /** Once a year. */
  | 'YEARLY';

/** How a data item may be shared (Regulations on Government Data Sharing). */
export type ShareLevel =
  /** Only a department holding an approved agreement with the provider, and only for the agreement's purpose. */
  | 'CONDITIONAL'
  /** Never leaves the providing department; the catalogue still lists it, with the legal reason. */
  | 'NONE'
  /** Any government department may use the item, without an application. */
  | 'UNCONDITIONAL';

/** An application for shared items and, once approved, the agreement the gateway grants them by. */
export type SharingApplication = {
  __typename?: 'SharingApplication';
  /** Who applied. */
  applicant?: Maybe<WorkflowParty>;
  /** When it was applied for; null for an agreement recorded outside the workflow. */
  appliedAt?: Maybe<Scalars['String']['output']>;
  /** The applying department. */
  consumer: Scalars['String']['output'];
  /** When the provider's reply is due: the instant after the last working day (Asia/Shanghai) of the reply period. */
  deadline?: Maybe<Scalars['String']['output']>;
  /** The provider's approval or rejection. */
  decision?: Maybe<WorkflowChange>;
  /** Id (AGR-2026-0001); requests may name it in X-Purpose. */
  id: Scalars['String']['output'];
  /** True when the gateway grants its items now: APPROVED and within its period. */
  inForce: Scalars['Boolean']['output'];
  /** Items granted (or applied for, while PENDING); narrowed when approved so. */
  items: Array<Scalars['String']['output']>;
  /** The law or regulation the sharing rests on. */
  legalBasis: Scalars['String']['output'];
  /** Still PENDING at or after its deadline. */
  overdue: Scalars['Boolean']['output'];
  /** The department asked. */
  provider: Scalars['String']['output'];
  /** Purpose code requests name in X-Purpose. */
  purpose: Scalars['String']['output'];
  /** The items as applied for. */
  requestedItems?: Maybe<Array<Scalars['String']['output']>>;
  /** The end of the period as applied for. */
  requestedValidUntil?: Maybe<Scalars['String']['output']>;
  /** The provider's revocation. */
  revocation?: Maybe<WorkflowChange>;
  /** The business scenario; null for an agreement recorded outside the workflow. */
  scenario?: Maybe<Scalars['String']['output']>;
  /** Where it stands (EXPIRED: approved and past its end). */
  status: AgreementStatus;
  /** Start of the period (ISO 8601, UTC). */
  validFrom: Scalars['String']['output'];
  /** End of the period, exclusive (ISO 8601, UTC); shortened when approved so. */
  validUntil: Scalars['String']['output'];
};

/** A page of applications or agreements, oldest first. */
export type SharingApplicationConnection = {
  __typename?: 'SharingApplicationConnection';
  /** The applications of this page. */
  nodes: Array<SharingApplication>;
  /** Where this page ends and whether another follows. */
  pageInfo: WorkflowPageInfo;
  /** How many the whole list holds (every page), for the filter given. */
  totalCount: Scalars['Int']['output'];
};

/** An application for items of another department. */
export type SharingApplicationInput = {
  /** Items as `Type.field` (e.g. Person.maritalStatus); at least one. */
  items: Array<Scalars['String']['input']>;
  /** The law or regulation the sharing rests on. */
  legalBasis: Scalars['String']['input'];
  /** The department asked (e.g. civil-affairs). */
  provider: Scalars['String']['input'];
  /** Kebab-case purpose code the requests will name in X-Purpose (e.g. marriage-registration). */
  purpose: Scalars['String']['input'];
  /** The business scenario the items serve, in words. */
  scenario: Scalars['String']['input'];
  /** Start of the period (ISO date or timestamp with offset); not before today (Asia/Shanghai). Default now. */
  validFrom?: InputMaybe<Scalars['String']['input']>;
  /** End of the period (exclusive); after validFrom and in the future. */
  validUntil: Scalars['String']['input'];
};

/** One request that obtained data about the subject asked for. */
export type SubjectAccess = {
  __typename?: 'SubjectAccess';
  /** Agreements that granted something in the request; in a provider's view, only its own agreements. */
  agreements: Array<Scalars['String']['output']>;
  /** For a workflow action about the subject (an objection, a dispute about it): the items it concerns, sorted; empty for a request, whose items are in `providers`. */
  concerns: Array<Scalars['String']['output']>;
  /** Who made the request. */
  consumer: AccessConsumer;
  /** `request` for a request through the gateway, or a workflow action about the subject such as `objection.report`. */
  kind: Scalars['String']['output'];
  /** The providers that returned data about the subject, with the items each served; in a provider's view, only its own. */
  providers: Array<SubjectProviderAccess>;
  /** The purpose the request named (X-Purpose); null when it named none. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The gateway's request id (the response's x-request-id header). */
  requestId: Scalars['String']['output'];
  /** Position of the record in the audit trail's hash chain (1, 2, 3, …). */
  sequence: Scalars['Int']['output'];
  /** When the request started (ISO 8601, UTC). */
  time: Scalars['String']['output'];
};

/** A page of accesses to one subject's data, newest first. */
export type SubjectAccessConnection = {
  __typename?: 'SubjectAccessConnection';
  /** The accesses of this page. */
  nodes: Array<SubjectAccess>;
  /** Where this page ends and whether another follows. */
  pageInfo: AccessPageInfo;
};

/** What one provider returned about the subject in one request. */
export type SubjectProviderAccess = {
  __typename?: 'SubjectProviderAccess';
  /** Items served masked, sorted. */
  masked: Array<Scalars['String']['output']>;
  /** The provider department. */
  provider: Scalars['String']['output'];
  /** Items served (`Type.field`), sorted. */
  served: Array<Scalars['String']['output']>;
};

/** A recorded answer or withdrawal. */
export type WorkflowChange = {
  __typename?: 'WorkflowChange';
  /** The application that made it. */
  actor: Scalars['String']['output'];
  /** When (ISO 8601, UTC). */
  at: Scalars['String']['output'];
  /** The reason given (required for a rejection or a revocation). */
  reason?: Maybe<Scalars['String']['output']>;
};

/** Position of a page of applications, agreements or objections. */
export type WorkflowPageInfo = {
  __typename?: 'WorkflowPageInfo';
  /** Pass as `after` to read the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A department application acting in the workflow. */
export type WorkflowParty = {
  __typename?: 'WorkflowParty';
  /** The application (the token's sub). */
  application: Scalars['String']['output'];
  /** The department. */
  department: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Access: ResolverTypeWrapper<Access>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AccessConnection: ResolverTypeWrapper<AccessConnection>;
  AccessConsumer: ResolverTypeWrapper<AccessConsumer>;
  AccessFilter: AccessFilter;
  AccessOutcome: AccessOutcome;
  AccessPageInfo: ResolverTypeWrapper<AccessPageInfo>;
  AgreementFilter: AgreementFilter;
  AgreementStatus: AgreementStatus;
  ApplicationDecision: ApplicationDecision;
  ApplicationDecisionInput: ApplicationDecisionInput;
  ApplicationFilter: ApplicationFilter;
  ApplyForSharingResult: ResolverTypeWrapper<ApplyForSharingResult>;
  Catalogue: ResolverTypeWrapper<Catalogue>;
  CatalogueDepartment: ResolverTypeWrapper<CatalogueDepartment>;
  CatalogueFilter: CatalogueFilter;
  CatalogueItem: ResolverTypeWrapper<CatalogueItem>;
  CatalogueResource: ResolverTypeWrapper<CatalogueResource>;
  Correction: ResolverTypeWrapper<Correction>;
  CorrectionAnswer: ResolverTypeWrapper<CorrectionAnswer>;
  CorrectionConnection: ResolverTypeWrapper<CorrectionConnection>;
  CorrectionInput: CorrectionInput;
  Dispute: ResolverTypeWrapper<Dispute>;
  DisputeConnection: ResolverTypeWrapper<DisputeConnection>;
  DisputeFilter: DisputeFilter;
  DisputeMatter: ResolverTypeWrapper<DisputeMatter>;
  DisputeMatterKind: DisputeMatterKind;
  DisputeOutcome: DisputeOutcome;
  DisputeOutcomeInput: DisputeOutcomeInput;
  DisputeStage: DisputeStage;
  DisputeStatus: DisputeStatus;
  DisputeStep: ResolverTypeWrapper<DisputeStep>;
  DisputeStepOutcome: ResolverTypeWrapper<DisputeStepOutcome>;
  EscalateDisputeInput: EscalateDisputeInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NamedDepartment: ResolverTypeWrapper<NamedDepartment>;
  Objection: ResolverTypeWrapper<Objection>;
  ObjectionAnswer: ResolverTypeWrapper<ObjectionAnswer>;
  ObjectionAnswerInput: ObjectionAnswerInput;
  ObjectionConnection: ResolverTypeWrapper<ObjectionConnection>;
  ObjectionFilter: ObjectionFilter;
  ObjectionInput: ObjectionInput;
  ObjectionOutcome: ObjectionOutcome;
  ObjectionStatus: ObjectionStatus;
  ProviderAccess: ResolverTypeWrapper<ProviderAccess>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RaiseDisputeInput: RaiseDisputeInput;
  ResidentAccess: ResolverTypeWrapper<ResidentAccess>;
  ResidentAccessConnection: ResolverTypeWrapper<ResidentAccessConnection>;
  ResidentAgreement: ResolverTypeWrapper<ResidentAgreement>;
  ResidentItem: ResolverTypeWrapper<ResidentItem>;
  RevocationInput: RevocationInput;
  SchemaChange: ResolverTypeWrapper<SchemaChange>;
  SchemaVersion: ResolverTypeWrapper<SchemaVersion>;
  SchemaVersionConnection: ResolverTypeWrapper<SchemaVersionConnection>;
  ShareCycle: ShareCycle;
  ShareLevel: ShareLevel;
  SharingApplication: ResolverTypeWrapper<SharingApplication>;
  SharingApplicationConnection: ResolverTypeWrapper<SharingApplicationConnection>;
  SharingApplicationInput: SharingApplicationInput;
  SubjectAccess: ResolverTypeWrapper<SubjectAccess>;
  SubjectAccessConnection: ResolverTypeWrapper<SubjectAccessConnection>;
  SubjectProviderAccess: ResolverTypeWrapper<SubjectProviderAccess>;
  WorkflowChange: ResolverTypeWrapper<WorkflowChange>;
  WorkflowPageInfo: ResolverTypeWrapper<WorkflowPageInfo>;
  WorkflowParty: ResolverTypeWrapper<WorkflowParty>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Access: Access;
  Int: Scalars['Int']['output'];
  AccessConnection: AccessConnection;
  AccessConsumer: AccessConsumer;
  AccessFilter: AccessFilter;
  AccessPageInfo: AccessPageInfo;
  AgreementFilter: AgreementFilter;
  ApplicationDecisionInput: ApplicationDecisionInput;
  ApplicationFilter: ApplicationFilter;
  ApplyForSharingResult: ApplyForSharingResult;
  Catalogue: Catalogue;
  CatalogueDepartment: CatalogueDepartment;
  CatalogueFilter: CatalogueFilter;
  CatalogueItem: CatalogueItem;
  CatalogueResource: CatalogueResource;
  Correction: Correction;
  CorrectionAnswer: CorrectionAnswer;
  CorrectionConnection: CorrectionConnection;
  CorrectionInput: CorrectionInput;
  Dispute: Dispute;
  DisputeConnection: DisputeConnection;
  DisputeFilter: DisputeFilter;
  DisputeMatter: DisputeMatter;
  DisputeOutcomeInput: DisputeOutcomeInput;
  DisputeStep: DisputeStep;
  DisputeStepOutcome: DisputeStepOutcome;
  EscalateDisputeInput: EscalateDisputeInput;
  Mutation: Record<PropertyKey, never>;
  NamedDepartment: NamedDepartment;
  Objection: Objection;
  ObjectionAnswer: ObjectionAnswer;
  ObjectionAnswerInput: ObjectionAnswerInput;
  ObjectionConnection: ObjectionConnection;
  ObjectionFilter: ObjectionFilter;
  ObjectionInput: ObjectionInput;
  ProviderAccess: ProviderAccess;
  Query: Record<PropertyKey, never>;
  RaiseDisputeInput: RaiseDisputeInput;
  ResidentAccess: ResidentAccess;
  ResidentAccessConnection: ResidentAccessConnection;
  ResidentAgreement: ResidentAgreement;
  ResidentItem: ResidentItem;
  RevocationInput: RevocationInput;
  SchemaChange: SchemaChange;
  SchemaVersion: SchemaVersion;
  SchemaVersionConnection: SchemaVersionConnection;
  SharingApplication: SharingApplication;
  SharingApplicationConnection: SharingApplicationConnection;
  SharingApplicationInput: SharingApplicationInput;
  SubjectAccess: SubjectAccess;
  SubjectAccessConnection: SubjectAccessConnection;
  SubjectProviderAccess: SubjectProviderAccess;
  WorkflowChange: WorkflowChange;
  WorkflowPageInfo: WorkflowPageInfo;
  WorkflowParty: WorkflowParty;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ShareDirectiveArgs = {
  cycle?: Maybe<ShareCycle>;
  level: ShareLevel;
  provider?: Maybe<Scalars['String']['input']>;
  reason?: Maybe<Scalars['String']['input']>;
  sensitive?: Maybe<Scalars['Boolean']['input']>;
};

export type ShareDirectiveResolver<Result, Parent, ContextType = Context, Args = ShareDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Access'] = ResolversParentTypes['Access']> = {
  agreements?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  concerns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['AccessConsumer'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AccessOutcome'], ParentType, ContextType>;
  providers?: Resolver<Array<ResolversTypes['ProviderAccess']>, ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AccessConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AccessConnection'] = ResolversParentTypes['AccessConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Access']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['AccessPageInfo'], ParentType, ContextType>;
};

export type AccessConsumerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AccessConsumer'] = ResolversParentTypes['AccessConsumer']> = {
  application?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AccessPageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AccessPageInfo'] = ResolversParentTypes['AccessPageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ApplyForSharingResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ApplyForSharingResult'] = ResolversParentTypes['ApplyForSharingResult']> = {
  application?: Resolver<Maybe<ResolversTypes['SharingApplication']>, ParentType, ContextType>;
  availableWithoutApplication?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CatalogueResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Catalogue'] = ResolversParentTypes['Catalogue']> = {
  departments?: Resolver<Array<ResolversTypes['CatalogueDepartment']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  resources?: Resolver<Array<ResolversTypes['CatalogueResource']>, ParentType, ContextType>;
};

export type CatalogueDepartmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueDepartment'] = ResolversParentTypes['CatalogueDepartment']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  itemCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CatalogueItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItem'] = ResolversParentTypes['CatalogueItem']> = {
  cycle?: Resolver<Maybe<ResolversTypes['ShareCycle']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['ShareLevel'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resource?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sensitive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CatalogueResourceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueResource'] = ResolversParentTypes['CatalogueResource']> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  providers?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CorrectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Correction'] = ResolversParentTypes['Correction']> = {
  answer?: Resolver<Maybe<ResolversTypes['CorrectionAnswer']>, ParentType, ContextType>;
  deadline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['ResidentItem'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ObjectionStatus'], ParentType, ContextType>;
};

export type CorrectionAnswerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CorrectionAnswer'] = ResolversParentTypes['CorrectionAnswer']> = {
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CorrectionConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CorrectionConnection'] = ResolversParentTypes['CorrectionConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Correction']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['WorkflowPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DisputeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Dispute'] = ResolversParentTypes['Dispute']> = {
  agreement?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  commonSuperior?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  competentDepartment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deadline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  escalable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  matter?: Resolver<ResolversTypes['DisputeMatter'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['DisputeOutcome']>, ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  raisedBy?: Resolver<ResolversTypes['WorkflowParty'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['DisputeStage'], ParentType, ContextType>;
  statement?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DisputeStatus'], ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['DisputeStep']>, ParentType, ContextType>;
};

export type DisputeConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DisputeConnection'] = ResolversParentTypes['DisputeConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Dispute']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['WorkflowPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DisputeMatterResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DisputeMatter'] = ResolversParentTypes['DisputeMatter']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DisputeMatterKind'], ParentType, ContextType>;
};

export type DisputeStepResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DisputeStep'] = ResolversParentTypes['DisputeStep']> = {
  deadline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  openedBy?: Resolver<ResolversTypes['WorkflowParty'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['DisputeStepOutcome']>, ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['DisputeStage'], ParentType, ContextType>;
};

export type DisputeStepOutcomeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DisputeStepOutcome'] = ResolversParentTypes['DisputeStepOutcome']> = {
  agreement?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  by?: Resolver<ResolversTypes['WorkflowParty'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['DisputeOutcome'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  answerObjection?: Resolver<ResolversTypes['Objection'], ParentType, ContextType, RequireFields<MutationAnswerObjectionArgs, 'input'>>;
  applyForSharing?: Resolver<ResolversTypes['ApplyForSharingResult'], ParentType, ContextType, RequireFields<MutationApplyForSharingArgs, 'input'>>;
  decideApplication?: Resolver<ResolversTypes['SharingApplication'], ParentType, ContextType, RequireFields<MutationDecideApplicationArgs, 'input'>>;
  escalateDispute?: Resolver<ResolversTypes['Dispute'], ParentType, ContextType, RequireFields<MutationEscalateDisputeArgs, 'input'>>;
  raiseDispute?: Resolver<ResolversTypes['Dispute'], ParentType, ContextType, RequireFields<MutationRaiseDisputeArgs, 'input'>>;
  recordDisputeOutcome?: Resolver<ResolversTypes['Dispute'], ParentType, ContextType, RequireFields<MutationRecordDisputeOutcomeArgs, 'input'>>;
  reportObjection?: Resolver<ResolversTypes['Objection'], ParentType, ContextType, RequireFields<MutationReportObjectionArgs, 'input'>>;
  requestCorrection?: Resolver<ResolversTypes['Correction'], ParentType, ContextType, RequireFields<MutationRequestCorrectionArgs, 'input'>>;
  revokeAgreement?: Resolver<ResolversTypes['SharingApplication'], ParentType, ContextType, RequireFields<MutationRevokeAgreementArgs, 'input'>>;
};

export type NamedDepartmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['NamedDepartment'] = ResolversParentTypes['NamedDepartment']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameZh?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ObjectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Objection'] = ResolversParentTypes['Objection']> = {
  answer?: Resolver<Maybe<ResolversTypes['ObjectionAnswer']>, ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deadline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reportedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reporter?: Resolver<ResolversTypes['WorkflowParty'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ObjectionStatus'], ParentType, ContextType>;
  subjectKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ObjectionAnswerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ObjectionAnswer'] = ResolversParentTypes['ObjectionAnswer']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ObjectionConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ObjectionConnection'] = ResolversParentTypes['ObjectionConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Objection']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['WorkflowPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProviderAccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ProviderAccess'] = ResolversParentTypes['ProviderAccess']> = {
  denied?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  masked?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  served?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  subjects?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  accessesAbout?: Resolver<ResolversTypes['SubjectAccessConnection'], ParentType, ContextType, RequireFields<QueryAccessesAboutArgs, 'first' | 'subject'>>;
  accessesToMyData?: Resolver<ResolversTypes['AccessConnection'], ParentType, ContextType, RequireFields<QueryAccessesToMyDataArgs, 'first'>>;
  agreements?: Resolver<ResolversTypes['SharingApplicationConnection'], ParentType, ContextType, RequireFields<QueryAgreementsArgs, 'first'>>;
  application?: Resolver<Maybe<ResolversTypes['SharingApplication']>, ParentType, ContextType, RequireFields<QueryApplicationArgs, 'id'>>;
  applications?: Resolver<ResolversTypes['SharingApplicationConnection'], ParentType, ContextType, RequireFields<QueryApplicationsArgs, 'first'>>;
  catalogue?: Resolver<ResolversTypes['Catalogue'], ParentType, ContextType, Partial<QueryCatalogueArgs>>;
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType, RequireFields<QueryCatalogueItemArgs, 'item'>>;
  dispute?: Resolver<Maybe<ResolversTypes['Dispute']>, ParentType, ContextType, RequireFields<QueryDisputeArgs, 'id'>>;
  disputes?: Resolver<ResolversTypes['DisputeConnection'], ParentType, ContextType, RequireFields<QueryDisputesArgs, 'first'>>;
  myAccesses?: Resolver<ResolversTypes['AccessConnection'], ParentType, ContextType, RequireFields<QueryMyAccessesArgs, 'first'>>;
  myCorrections?: Resolver<ResolversTypes['CorrectionConnection'], ParentType, ContextType, RequireFields<QueryMyCorrectionsArgs, 'first'>>;
  myDataAccesses?: Resolver<ResolversTypes['ResidentAccessConnection'], ParentType, ContextType, RequireFields<QueryMyDataAccessesArgs, 'first'>>;
  objection?: Resolver<Maybe<ResolversTypes['Objection']>, ParentType, ContextType, RequireFields<QueryObjectionArgs, 'id'>>;
  objections?: Resolver<ResolversTypes['ObjectionConnection'], ParentType, ContextType, RequireFields<QueryObjectionsArgs, 'first'>>;
  schemaVersions?: Resolver<ResolversTypes['SchemaVersionConnection'], ParentType, ContextType, RequireFields<QuerySchemaVersionsArgs, 'first'>>;
};

export type ResidentAccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ResidentAccess'] = ResolversParentTypes['ResidentAccess']> = {
  agreements?: Resolver<Array<ResolversTypes['ResidentAgreement']>, ParentType, ContextType>;
  application?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  department?: Resolver<ResolversTypes['NamedDepartment'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['ResidentItem']>, ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  time?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ResidentAccessConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ResidentAccessConnection'] = ResolversParentTypes['ResidentAccessConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['ResidentAccess']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['AccessPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ResidentAgreementResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ResidentAgreement'] = ResolversParentTypes['ResidentAgreement']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  legalBasis?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['NamedDepartment'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ResidentItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ResidentItem'] = ResolversParentTypes['ResidentItem']> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  item?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  masked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nameZh?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['NamedDepartment'], ParentType, ContextType>;
};

export type SchemaChangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SchemaChange'] = ResolversParentTypes['SchemaChange']> = {
  breaking?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  coordinate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SchemaVersionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SchemaVersion'] = ResolversParentTypes['SchemaVersion']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['SchemaChange']>, ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rollbackOf?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  schemaHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SchemaVersionConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SchemaVersionConnection'] = ResolversParentTypes['SchemaVersionConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['SchemaVersion']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['WorkflowPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SharingApplicationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SharingApplication'] = ResolversParentTypes['SharingApplication']> = {
  applicant?: Resolver<Maybe<ResolversTypes['WorkflowParty']>, ParentType, ContextType>;
  appliedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deadline?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decision?: Resolver<Maybe<ResolversTypes['WorkflowChange']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inForce?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  legalBasis?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedItems?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  requestedValidUntil?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revocation?: Resolver<Maybe<ResolversTypes['WorkflowChange']>, ParentType, ContextType>;
  scenario?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AgreementStatus'], ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SharingApplicationConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SharingApplicationConnection'] = ResolversParentTypes['SharingApplicationConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['SharingApplication']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['WorkflowPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SubjectAccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SubjectAccess'] = ResolversParentTypes['SubjectAccess']> = {
  agreements?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  concerns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['AccessConsumer'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  providers?: Resolver<Array<ResolversTypes['SubjectProviderAccess']>, ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubjectAccessConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SubjectAccessConnection'] = ResolversParentTypes['SubjectAccessConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['SubjectAccess']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['AccessPageInfo'], ParentType, ContextType>;
};

export type SubjectProviderAccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SubjectProviderAccess'] = ResolversParentTypes['SubjectProviderAccess']> = {
  masked?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  served?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type WorkflowChangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WorkflowChange'] = ResolversParentTypes['WorkflowChange']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type WorkflowPageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WorkflowPageInfo'] = ResolversParentTypes['WorkflowPageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type WorkflowPartyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WorkflowParty'] = ResolversParentTypes['WorkflowParty']> = {
  application?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  Access?: AccessResolvers<ContextType>;
  AccessConnection?: AccessConnectionResolvers<ContextType>;
  AccessConsumer?: AccessConsumerResolvers<ContextType>;
  AccessPageInfo?: AccessPageInfoResolvers<ContextType>;
  ApplyForSharingResult?: ApplyForSharingResultResolvers<ContextType>;
  Catalogue?: CatalogueResolvers<ContextType>;
  CatalogueDepartment?: CatalogueDepartmentResolvers<ContextType>;
  CatalogueItem?: CatalogueItemResolvers<ContextType>;
  CatalogueResource?: CatalogueResourceResolvers<ContextType>;
  Correction?: CorrectionResolvers<ContextType>;
  CorrectionAnswer?: CorrectionAnswerResolvers<ContextType>;
  CorrectionConnection?: CorrectionConnectionResolvers<ContextType>;
  Dispute?: DisputeResolvers<ContextType>;
  DisputeConnection?: DisputeConnectionResolvers<ContextType>;
  DisputeMatter?: DisputeMatterResolvers<ContextType>;
  DisputeStep?: DisputeStepResolvers<ContextType>;
  DisputeStepOutcome?: DisputeStepOutcomeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NamedDepartment?: NamedDepartmentResolvers<ContextType>;
  Objection?: ObjectionResolvers<ContextType>;
  ObjectionAnswer?: ObjectionAnswerResolvers<ContextType>;
  ObjectionConnection?: ObjectionConnectionResolvers<ContextType>;
  ProviderAccess?: ProviderAccessResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ResidentAccess?: ResidentAccessResolvers<ContextType>;
  ResidentAccessConnection?: ResidentAccessConnectionResolvers<ContextType>;
  ResidentAgreement?: ResidentAgreementResolvers<ContextType>;
  ResidentItem?: ResidentItemResolvers<ContextType>;
  SchemaChange?: SchemaChangeResolvers<ContextType>;
  SchemaVersion?: SchemaVersionResolvers<ContextType>;
  SchemaVersionConnection?: SchemaVersionConnectionResolvers<ContextType>;
  SharingApplication?: SharingApplicationResolvers<ContextType>;
  SharingApplicationConnection?: SharingApplicationConnectionResolvers<ContextType>;
  SubjectAccess?: SubjectAccessResolvers<ContextType>;
  SubjectAccessConnection?: SubjectAccessConnectionResolvers<ContextType>;
  SubjectProviderAccess?: SubjectProviderAccessResolvers<ContextType>;
  WorkflowChange?: WorkflowChangeResolvers<ContextType>;
  WorkflowPageInfo?: WorkflowPageInfoResolvers<ContextType>;
  WorkflowParty?: WorkflowPartyResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  share?: ShareDirectiveResolver<any, any, ContextType>;
};
