import type { Store } from 'n3';
import type { ProtocolDataset, QueryShape } from './prepare-query.js';
import { QueryTimeoutError } from './query-errors.js';

// What every engine's runner shares: its contract and the chunking of its
// output. The output itself is written by solution-writers.ts for every engine.

/** How the runner serialises and bounds one query. */
export interface RunOptions {
  /** A media type from RESULT_FORMATS (SELECT, ASK) or RDF_FORMATS (CONSTRUCT, DESCRIBE). */
  readonly mediaType: string;
  readonly maxRows: number;
  /** Epoch milliseconds after which the runner stops at the next chunk. */
  readonly deadline: number;
  readonly timeLimitMs: number;
  /** The dataset to query instead of the store's default graph and all its named graphs. */
  readonly dataset?: ProtocolDataset;
  /** The query's form and variables, from prepareQuery, so a runner never parses the text again. */
  readonly shape: QueryShape;
}

/** What a finished run reports besides its text. */
export interface RunSummary {
  truncated: boolean;
}

/** What the runner needs for every query: the store and the settings it never changes. */
export interface RunnerSetup {
  readonly store: Store;
  readonly baseIri: string;
  /** Prefixes for Turtle, RDF/XML and JSON-LD output. */
  readonly prefixes: Readonly<Record<string, string>>;
}

/** What answers a checked query: Comunica or Oxigraph in a thread, or an external store over HTTP. */
export interface QueryRunner {
  /** Runs a query (already checked by prepareQuery) and yields its serialised result in chunks. */
  run(text: string, options: RunOptions): { chunks: AsyncIterable<string>; summary: RunSummary };
}

/** Chunks are batched to about this many characters so a stream is not one message per row. */
const CHUNK_CHARACTERS = 16 * 1024;

/** Joins output into chunks of about CHUNK_CHARACTERS, checking the deadline between them. */
export async function* batch(source: AsyncIterable<string>, options: RunOptions): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of source) {
    if (Date.now() > options.deadline) throw new QueryTimeoutError(options.timeLimitMs);
    pending += chunk;
    if (pending.length >= CHUNK_CHARACTERS) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}
