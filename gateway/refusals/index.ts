/** Refusals before identity, limited per source address and recorded in aggregate beyond the limit. */
export { createRefusalGuard, DEFAULT_REFUSALS, resolveRefusalOptions, type RefusalGuard, type RefusalOptions, type ResolvedRefusalOptions } from './refusalGuard.ts';
