/** Why a fetch from a department failed without a usable response; subgraphFailure.ts words it for the caller. */

export type FetchFailureReason = 'timeout' | 'circuit-open' | 'overloaded' | 'invalid-response' | 'network' | 'keys-unavailable';

export class SubgraphFetchError extends Error {
  constructor(
    readonly reason: FetchFailureReason,
    /** What the caller may be told: never a URL, a path or a stack. */
    readonly detail: string,
    /** Seconds after which trying again makes sense, when known. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail);
    this.name = 'SubgraphFetchError';
  }
}
