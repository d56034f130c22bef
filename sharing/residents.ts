/**
 * Residents as callers: a person signed in with a token whose subject is their resident ID, issued by the identity
 * provider the operator configures for residents (never the departments' one). A resident is not a department: the
 * gateway lets a resident's operation reach only the root fields below, all of the platform subgraph, and the
 * platform answers them about that resident alone (the grant's `rid`). The reserved department id marks a resident
 * in grants and audit records; a department's token may never claim it.
 */

/** The one department that serves a resident's grant: the sharing platform's own subgraph. */
export const PLATFORM_DEPARTMENT = 'platform';

/** The department id a resident's requests are recorded under; reserved, refused in a department's token. */
export const RESIDENT_DEPARTMENT = 'resident';

/** The application id of a resident's requests (the resident ID itself is personal data, kept out of spans and metrics). */
export const RESIDENT_APPLICATION = 'resident-portal';

/** The audience a resident's token must name; a department's token names `govgraph` and is refused as a resident's. */
export const RESIDENT_AUDIENCE = 'govgraph-resident';

/** The issuer of the embedded default's development resident tokens (`npm run token -- --resident <id>`). */
export const DEVELOPMENT_RESIDENT_ISSUER = 'govgraph-resident-development';

/**
 * The root fields a resident's operation may select (not even a root `__typename`): their own accesses and corrections, and the
 * published catalogue (for the items' plain words). Anything else is refused whole, before planning (403).
 */
export const RESIDENT_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'Query.myDataAccesses',
  'Query.myCorrections',
  'Mutation.requestCorrection',
  'Query.catalogue',
  'Query.catalogueItem',
]);
