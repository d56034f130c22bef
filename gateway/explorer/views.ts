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
 * the provider), `never` (NONE: not shared outside its department).
 */
export type ItemAccess = 'own' | 'open' | 'masked' | 'agreement' | 'apply' | 'never';

export interface CatalogueItemView {
  /** `Type.field`. */
  item: string;
  field: string;
  level: ShareLevelName;
  sensitive: boolean;
  key: boolean;
  description: string | null;
  /** Legal reason for a CONDITIONAL or NONE level. */
  reason: string | null;
  access: ItemAccess;
  /** The caller's agreements in force that list this item. */
  agreements: { id: string; purpose: string; validUntil: string }[];
}

export interface CatalogueResourceView {
  /** The GraphQL type (resource). */
  type: string;
  items: CatalogueItemView[];
}

export interface CatalogueDepartmentView {
  id: string;
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
