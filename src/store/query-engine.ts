import type { PrepareOptions, PreparedQuery, ProtocolDataset, QueryBindings, SyntaxLimits } from './prepare-query.js';

/** How one query is to be run and written. */
export interface QueryOptions {
  /** The media type of the output: a SPARQL result format for SELECT/ASK, an RDF format for CONSTRUCT/DESCRIBE. */
  readonly mediaType: string;
  readonly dataset?: ProtocolDataset;
  readonly bindings?: QueryBindings;
}

/** A running query's serialised result. */
export interface QueryResultStream extends AsyncIterable<string> {
  /** Once the stream has ended: whether rows were dropped at the row limit. */
  readonly truncated: boolean;
  /** Stops the query early (the client went away); safe to call at any time. */
  cancel(): void;
  /**
   * The whole output, when it is already in memory and complete (not cut at the
   * row limit): a result cache's answer. It is then sent in one piece, with the
   * truncation flag as a header, and replayed like any other whole result.
   */
  readonly whole?: readonly string[];
}

/** The limits an engine enforces on every query. */
export interface QueryLimits extends SyntaxLimits {
  readonly timeLimitMs: number;
  readonly maxRows: number;
  readonly maxQueryLength: number;
}

/** Whether an engine answers at full strength; `reason` says why not. */
export interface EngineHealth {
  readonly status: 'ok' | 'degraded';
  readonly reason?: string;
}

/**
 * The one interface between the HTTP layer and whatever answers SPARQL: a later
 * engine (an embedded store, a remote one) only has to implement this.
 */
export interface QueryEngine {
  readonly limits: QueryLimits;
  /** Parses a query and checks it against the read-only, offline policy, without running it. */
  prepare(text: string, options?: PrepareOptions): Promise<PreparedQuery>;
  /** Runs a query; rejects with a QuerySyntaxError or QueryRefusedError before any output, a QueryBusyError while overloaded, a QueryTimeoutError, QueryEvaluationError or EngineFailureError at any time. */
  query(text: string, options: QueryOptions): Promise<QueryResultStream>;
  /** Whether the engine answers at full strength (a pool says so while it replaces workers); engines without parts to lose have none. */
  health?(): EngineHealth;
  /** Stops every worker; pending queries fail. */
  close(): Promise<void>;
}
