import type { Quad } from '@rdfjs/types';
import type { Store } from 'n3';
import type { RdfFormat } from '../graph/rdf-formats.js';
import { RdfXmlError } from '../graph/rdf-xml-writer.js';
import type { ProtocolDataset, QueryShape } from './prepare-query.js';
import { QueryEvaluationError, QueryTimeoutError } from './query-errors.js';
import { resultFormatByMediaType } from './result-formats.js';

// What every engine's runner shares: its contract, and the parts of a result
// that do not depend on the engine (ASK results, RDF output, chunking).

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

/** What answers a checked query in a thread: Comunica or Oxigraph. */
export interface QueryRunner {
  /** Runs a query (already checked by prepareQuery) and yields its serialised result in chunks. */
  run(text: string, options: RunOptions): { chunks: AsyncIterable<string>; summary: RunSummary };
}

/** Chunks are batched to about this many characters so a stream is not one message per row. */
const CHUNK_CHARACTERS = 16 * 1024;

/**
 * ASK results in each result format, written here for every engine: Comunica 4.5
 * has no CSV or TSV serialiser for booleans and its XML one fails on them.
 * CSV and TSV use the `_askResult` column other stores use.
 */
export function booleanResult(value: boolean, mediaType: string): string {
  switch (canonicalResultType(mediaType)) {
    case 'application/sparql-results+json':
      return `${JSON.stringify({ head: {}, boolean: value })}\n`;
    case 'application/sparql-results+xml':
      return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head/>\n  <boolean>${value}</boolean>\n</sparql>\n`;
    case 'text/csv':
      return `_askResult\r\n${value}\r\n`;
    case 'text/tab-separated-values':
      return `?_askResult\n${value}\n`;
    default:
      throw new Error(`${mediaType} is not a result format`);
  }
}

/** A CONSTRUCT or DESCRIBE result in an RDF format; what the format cannot express is the query's error, not the server's. */
export async function serialiseGraph(format: RdfFormat, quads: readonly Quad[], prefixes: Readonly<Record<string, string>>): Promise<string> {
  try {
    return await format.serialize(quads, { prefixes });
  } catch (error) {
    if (error instanceof RdfXmlError) throw new QueryEvaluationError(`${error.message} Ask for another format, such as Turtle.`);
    throw error;
  }
}

/** The canonical media type of a result format asked for by an alias (Comunica registers its serialisers under those). */
export function canonicalResultType(mediaType: string): string {
  return resultFormatByMediaType(mediaType)?.mediaType ?? mediaType;
}

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
