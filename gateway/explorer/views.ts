/**
 * The JSON the explorer's endpoints answer with, shared by the gateway (which builds it) and the browser pages
 * (which read it). Types only: this file is compiled for both Node and the browser.
 */

export type ShareLevelName = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';

/** `GET /explorer/config`: what the pages need to start. */
export interface ExplorerConfigView {
  /** Where GraphQL requests go (same origin). */
  graphqlPath: string;
  /** False when the gateway admits requests without a token (an anonymous deployment). */
  signInRequired: boolean;
  /** True only in the embedded default: the sign-in offers development identities. */
  developmentIdentities: boolean;
  /** The canonical operations, opened as GraphiQL tabs and listed in the Examples pane. */
  examples: ExampleView[];
  /**
   * Residents' sign-in on `/residents`: `development` (the embedded default hands a synthetic resident a token),
   * `token` (paste one from the residents' identity provider), `off` (this gateway signs no resident in).
   */
  residentSignIn: 'development' | 'token' | 'off';
  /** A synthetic resident the page offers in the embedded default (the OneStop example's); null otherwise. */
  exampleResident: string | null;
}

/** A development resident's token (`POST /explorer/residents/token`). */
export interface DevelopmentResidentTokenView {
  token: string;
  resident: string;
  expiresAt: string;
}

export interface ExampleView {
  name: string;
  query: string;
  /** JSON text of the variables the tab opens with. */
  variables: string;
}

/** `GET /explorer/identities` (development identities only). */
export interface DevelopmentIdentitiesView {
  identities: { department: string; role: string }[];
}

/** `POST /explorer/identities/token` (development identities only). */
export interface DevelopmentTokenView {
  token: string;
  department: string;
  application: string;
  roles: string[];
  /** ISO time the token expires. */
  expiresAt: string;
}

export interface CallerView {
  application: string;
  department: string;
  roles: string[];
  /** A signed-in resident's ID (department `resident`); absent for a department's caller. */
  resident?: string;
}

export interface AgreementView {
  id: string;
  provider: string;
  items: string[];
  purpose: string;
  legalBasis: string;
  validFrom: string;
  validUntil: string;
}

/** `GET /explorer/agreements`: the caller department's agreements in force now (approved, within validity). */
export interface AgreementsView {
  caller: CallerView;
  agreements: AgreementView[];
}

/**
 * What the caller may do with an item: `own` (its department provides it), `open` (unconditional), `masked`
 * (unconditional but sensitive: masked unless an agreement grants it raw), `agreement` (conditional, an agreement
 * in force grants it for its purpose; for a sensitive item, raw), `apply` (conditional, no agreement: apply to
 * the provider), `never` (NONE: not shared outside its department), `through` (unconditional itself, but its
 * resource is reached only through items the caller does not hold: `through` names them).
 */
export type ItemAccess = 'own' | 'open' | 'masked' | 'agreement' | 'apply' | 'never' | 'through';

export interface CatalogueItemView {
  /** `Type.field`. */
  item: string;
  field: string;
  /** The item's Chinese name (信息项名称), where the catalogue has one. */
  nameZh: string | null;
  level: ShareLevelName;
  sensitive: boolean;
  key: boolean;
  /** GraphQL type of its values, e.g. `[TaxArrear!]`. */
  type: string;
  description: string | null;
  /** Legal reason for a CONDITIONAL or NONE level. */
  reason: string | null;
  /** Update cycle (`DAILY`, `ON_CHANGE`, …); null when the department states none. */
  cycle: string | null;
  access: ItemAccess;
  /** The caller's agreements in force that list this item. */
  agreements: { id: string; purpose: string; validUntil: string }[];
  /** With access `through`: the items (held by none of the caller's agreements) its resource is reached by. */
  through: string[];
}

export interface CatalogueResourceView {
  /** The GraphQL type (resource). */
  type: string;
  nameZh: string | null;
  description: string | null;
  items: CatalogueItemView[];
}

export interface CatalogueDepartmentView {
  id: string;
  title: string;
  /** The department's Chinese title; null when the catalogue has none. */
  titleZh: string | null;
  /** True for the sharing platform's own API (workflow, catalogue and audit types), not government data. */
  platform: boolean;
  /** Version of its subgraph as served: `sha256:` and 12 hex digits of its entries (published versions: ask the graph's catalogue). */
  version: string;
  resources: CatalogueResourceView[];
}

/** `GET /explorer/catalogue`: the sharing catalogue, annotated for the caller. */
export interface CatalogueView {
  caller: CallerView;
  departments: CatalogueDepartmentView[];
}

/** `extensions.queryPlan` of a /graphql answer the caller asked the plan of (header `x-govgraph-query-plan: 1`). */
export interface QueryPlanView {
  /** Apollo's query plan of the operation as decided for the caller (withheld fields are not in it), pretty-printed. */
  text: string;
  /** Departments the plan fetches from, in order of first fetch. */
  departments: string[];
}
