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
  /**
   * For Retry-After: the same query will only finish on a less loaded server, and
   * every query running now has finished or been stopped within one time limit.
   */
  readonly retryAfterSeconds: number;
  constructor(readonly timeLimitMs: number) {
    super(`The query was stopped after ${timeLimitMs / 1000} s, this endpoint's time limit.`);
    this.retryAfterSeconds = Math.max(1, Math.ceil(timeLimitMs / 1000));
  }
}

/** Every query worker is busy and the waiting line is full; `retryAfterSeconds` is for Retry-After. */
export class QueryBusyError extends Error {
  override readonly name: string = 'QueryBusyError';
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}

/** The external SPARQL store did not answer, or does not hold the graph; like a busy pool, the client may retry later. */
export class StoreUnavailableError extends QueryBusyError {
  override readonly name = 'StoreUnavailableError';
}

/**
 * A query that turned long-running while as many others already were: it is
 * stopped so that one worker always stays free for short queries; the client
 * may retry once the long ones have finished (`retryAfterSeconds`).
 */
export class TooManyLongQueriesError extends QueryBusyError {
  override readonly name = 'TooManyLongQueriesError';
}

/** The engine failed to evaluate a query it had accepted (an unsupported feature, a type error it does not recover from). */
export class QueryEvaluationError extends Error {
  override readonly name = 'QueryEvaluationError';
}

/**
 * The engine itself broke while running a query (a WebAssembly trap, a bug, out
 * of memory): the server's fault, not the query's. The message is generic, for
 * clients; `cause` holds the original error and its stack, for the log.
 */
export class EngineFailureError extends Error {
  override readonly name = 'EngineFailureError';
  constructor(cause: unknown) {
    super('The query engine failed while running this query; the failure has been logged.', { cause });
  }
}

/** The error classes a worker can send back by name and message, so the main thread rebuilds the same class. */
export const TRANSFERABLE_ERRORS = { QuerySyntaxError, QueryRefusedError, QueryEvaluationError, StoreUnavailableError } as const;

/** An error as a worker sends it: its class name, its message and, for an engine failure, what failed. */
export interface TransferredError {
  readonly name: string;
  readonly message: string;
  readonly cause?: { readonly name: string; readonly message: string; readonly stack?: string };
}

const OWN_ERRORS = [QuerySyntaxError, QueryRefusedError, QueryTimeoutError, QueryBusyError, QueryEvaluationError, EngineFailureError];

/**
 * The one classification of what an engine throws. Both embedded engines report
 * a problem with the query itself (a parse error, an unsupported function, a
 * FROM they cannot load) by throwing an instance of plain `Error`: Oxigraph turns
 * its Rust errors into `Error`, and Comunica's actors and mediators throw `Error`
 * ("no configured actor was able to…"); Comunica's expression errors are
 * subclasses of its `ExpressionError`, recognised by that class name. Those
 * become a QueryEvaluationError about the query. Everything else, the built-in
 * subclasses above all (TypeError, RangeError, WebAssembly.RuntimeError: a
 * trap, after which a WebAssembly instance may be corrupt), and what is not an
 * Error at all, is an EngineFailureError: the client gets no internal text.
 */
export function classifyEngineError(error: unknown): Error {
  if (OWN_ERRORS.some((ErrorClass) => error instanceof ErrorClass)) return error as Error;
  if (isEngineQueryReport(error)) return new QueryEvaluationError(`The query could not be evaluated: ${error.message.split('\n')[0]}`);
  return new EngineFailureError(error);
}

function isEngineQueryReport(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (Object.getPrototypeOf(error) === Error.prototype) return true;
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === 'ExpressionError') return true;
  }
  return false;
}

/** An error as a worker sends it to the main thread, after classifyEngineError. */
export function transferError(error: Error): TransferredError {
  if (!(error instanceof EngineFailureError)) return { name: error.name, message: error.message };
  const cause = error.cause instanceof Error ? error.cause : new Error(String(error.cause));
  return { name: error.name, message: error.message, cause: { name: cause.name, message: cause.message, stack: cause.stack } };
}

/** The error a worker sent, rebuilt as its class; an unknown name is an engine failure. */
export function rebuildError(transferred: TransferredError, timeLimitMs: number): Error {
  if (transferred.name === 'QueryTimeoutError') return new QueryTimeoutError(timeLimitMs);
  const ErrorClass = TRANSFERABLE_ERRORS[transferred.name as keyof typeof TRANSFERABLE_ERRORS];
  if (ErrorClass) return new ErrorClass(transferred.message);
  const cause = transferred.cause ?? { name: transferred.name, message: transferred.message };
  const original = Object.assign(new Error(cause.message), { name: cause.name });
  if (cause.stack) original.stack = cause.stack;
  return new EngineFailureError(original);
}
