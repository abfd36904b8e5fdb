/** A query text the parser rejects; line and column are 1-based when the parser reports them. */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** A well-formed request this read-only, offline endpoint will not run (updates, SERVICE, unknown graphs, too long). */
export class QueryRefusedError extends Error {
  override readonly name = 'QueryRefusedError';
}

/** A query stopped because it ran longer than the time limit. */
export class QueryTimeoutError extends Error {
  override readonly name = 'QueryTimeoutError';
  constructor(readonly timeLimitMs: number) {
    super(`The query was stopped after ${timeLimitMs / 1000} s, this endpoint's time limit.`);
  }
}

/** Every query worker is busy and the waiting line is full. */
export class QueryBusyError extends Error {
  override readonly name: string = 'QueryBusyError';
}

/** The external SPARQL store did not answer, or does not hold the graph; like a busy pool, the client may retry later. */
export class StoreUnavailableError extends QueryBusyError {
  override readonly name = 'StoreUnavailableError';
}

/** The engine failed to evaluate a query it had accepted (an unsupported feature, a type error it does not recover from). */
export class QueryEvaluationError extends Error {
  override readonly name = 'QueryEvaluationError';
}

/** The error classes a worker can send back by name, so the main thread rebuilds the same class. */
export const TRANSFERABLE_ERRORS = { QuerySyntaxError, QueryRefusedError, QueryEvaluationError, StoreUnavailableError } as const;
