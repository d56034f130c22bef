/** Resilience: how one department's slowness or failure is kept from spreading (deadline, bound, breaker, retry). */
export { DEFAULT_BREAKER, createCircuitBreaker, type BreakerOptions, type BreakerState, type CircuitBreaker } from './circuitBreaker.ts';
export { resilientFetcher, type ResilienceOptions, type ResilientFetcher } from './resilientFetcher.ts';
export { SubgraphFetchError, type FetchFailureReason } from './subgraphFetchError.ts';
