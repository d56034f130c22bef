/**
 * The words of the sharing rules as types, shared by the gateway, the department kit and the platform store.
 * An item is one field of a resource (type), named `Type.field`; its policy comes from the @share directive.
 */

export type ShareLevel = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';

export const SHARE_LEVELS: readonly ShareLevel[] = ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'];

/** One catalogue entry: a data item and how it may be shared. */
export interface ItemPolicy {
  /** `Type.field`, e.g. `Person.maritalStatus`. */
  item: string;
  type: string;
  field: string;
  level: ShareLevel;
  /** Personal data shown masked unless the caller is the provider or an agreement grants it raw. */
  sensitive: boolean;
  /** Legal reason for a CONDITIONAL or NONE level. */
  reason: string | null;
  /** Department id that provides (owns) the item; null when the supergraph does not say (foreign supergraph). */
  provider: string | null;
  description: string | null;
  /** True for a field of an entity's @key: it travels raw between gateway and departments. */
  key: boolean;
}

/** Who is calling, from a verified bearer token (or the operator's anonymous caller). */
export interface Caller {
  /** Application id (`sub`). */
  application: string;
  /** Department id (`dept`). */
  department: string;
  roles: string[];
  anonymous: boolean;
  /**
   * A signed-in resident's ID (their token's `sub`, checked by the ResidentId rules); then `department` is
   * `RESIDENT_DEPARTMENT` and `application` `RESIDENT_APPLICATION` (sharing/residents.ts). Absent for a department's caller.
   */
  resident?: string;
}

export type AgreementStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'REVOKED' | 'EXPIRED';

/** An application for conditional items, and once approved, the grant it carries. */
export interface Agreement {
  id: string;
  /** Consumer department id. */
  consumer: string;
  /** Provider department id. */
  provider: string;
  /** Items granted, `Type.field`. Listing a sensitive UNCONDITIONAL item grants it raw (unmasked). */
  items: string[];
  /** Purpose code, e.g. `marriage-registration`; requests name it (or the agreement id) in `X-Purpose`. */
  purpose: string;
  legalBasis: string;
  /** ISO timestamps; the agreement grants nothing outside [validFrom, validUntil). */
  validFrom: string;
  validUntil: string;
  status: AgreementStatus;
}

/** A decision about one item for one caller and purpose: data, never an exception. */
export type Decision =
  | {
      effect: 'allow';
      item: string;
      level: ShareLevel;
      provider: string | null;
      /** True when the value must be shown masked. */
      masked: boolean;
      basis: 'provider' | 'unconditional' | 'agreement' | 'default';
      agreementId: string | null;
    }
  | {
      effect: 'deny';
      item: string;
      level: ShareLevel;
      provider: string | null;
      /** Why, in a sentence a caller understands. */
      reason: string;
      /** What would grant it, e.g. `apply to civil-affairs for Person.maritalStatus`. */
      remedy: string;
      /**
       * Denied because no agreement of the caller in force lists the item, and none not in force was known to
       * `decide`: told what became of a former one (`notInForce`), the denial would say so.
       */
      noAgreement?: true;
    };

/** A denial: what was refused, why, and what would grant it. */
export type DenyDecision = Extract<Decision, { effect: 'deny' }>;

/**
 * Claims of the short-lived token the gateway signs for one department per caller and purpose. The department
 * enforces its own @share levels with it: CONDITIONAL items only when listed in `items`, sensitive items raw
 * only when listed in `raw` (or the caller is the department itself), NONE items only to itself.
 */
export interface GrantClaims {
  /** Caller application. */
  sub: string;
  /** Caller department. */
  dept: string;
  /**
   * The caller's roles (`app`, `analyst`, `dept-admin`), copied from its verified token: the platform subgraph's
   * workflow decides with them who may apply, decide, revoke and answer. Data items are never granted by role.
   */
  roles: string[];
  /** The department this grant is for. */
  aud: string;
  iss: string;
  purpose: string | null;
  /** Agreement ids this grant rests on. */
  agreements: string[];
  /** CONDITIONAL items of this department the caller may receive. */
  items: string[];
  /** Sensitive items of this department the caller may receive unmasked. */
  raw: string[];
  /**
   * The confirmation key (RFC 7800): the public half of the gateway process's binding key. Every request that
   * presents this grant must be bound with the secret derived from it (sharing/binding.ts). Null in a grant
   * without one, which a department refuses.
   */
  cnf: { jwk: ConfirmationKey } | null;
  /**
   * The consumer department's masking key (base64url, sharing/masking.ts): what the department masks sensitive items
   * with for this caller, so its pseudonyms match the gateway's and the audit views'. Null in a grant without one:
   * the department then hides such values whole.
   */
  mk: string | null;
  /**
   * The resident a resident's request is about (claim `rid`, their resident ID), with `dept` the reserved
   * `RESIDENT_DEPARTMENT`; null in a department caller's grant. Only the platform subgraph serves such a grant.
   */
  resident?: string | null;
  exp: number;
  iat: number;
}

/** The public half of a gateway process's binding key, as a P-256 JWK. */
export interface ConfirmationKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
}

export const GATEWAY_GRANT_ISSUER = 'govgraph-gateway';
