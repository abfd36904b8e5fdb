import { DataFactory } from 'n3';
import { Generator, Parser, type Query, type SparqlQuery, type ValuePatternRow } from 'sparqljs';
import type { BlankNode, Literal, NamedNode } from '@rdfjs/types';
import { decodeCodepointEscapes, measureQuery, type TextPosition } from './measure-query.js';
import { measureSyntaxTree } from './measure-syntax-tree.js';
import { QueryRefusedError, QuerySyntaxError } from './query-errors.js';
import { isAbsoluteIri } from '../graph/absolute-iri.js';

/** The four SPARQL query forms. */
export type QueryForm = 'select' | 'ask' | 'construct' | 'describe';

/** The RDF dataset given by the protocol's `default-graph-uri` and `named-graph-uri` parameters. */
export interface ProtocolDataset {
  readonly defaultGraphs: readonly string[];
  readonly namedGraphs: readonly string[];
}

/** How large a query may be where parsers and engines recurse or plan; each DEFAULT_SYNTAX_LIMITS' when absent. */
export interface SyntaxLimits {
  /** Deepest nesting of `{}`, `()` and `[]` together. */
  readonly maxNesting?: number;
  /** Most UNION keywords in one query. */
  readonly maxUnions?: number;
  /** Longest string literal, in characters. */
  readonly maxLiteralLength?: number;
  /** Most triple patterns in one basic graph pattern. */
  readonly maxTriplePatterns?: number;
  /** Deepest nesting of operators and function calls, chained without brackets or not. */
  readonly maxExpressionDepth?: number;
  /** Most steps of one property path. */
  readonly maxPathSteps?: number;
  /** Most arguments of one operator or function, `IN (…)` included. */
  readonly maxArguments?: number;
}

/** What a query may ask of the store it runs on. */
export interface QueryPolicy extends SyntaxLimits {
  readonly maxQueryLength: number;
  /** IRIs of the named graphs the store holds; the only graphs FROM and FROM NAMED may name. */
  readonly graphs: ReadonlySet<string>;
  /** Relative IRIs in a query resolve against this (the endpoint's own IRI). */
  readonly baseIri: string;
  /** Refuse calls to functions outside SPARQL and XSD casts (for an external store, whose extensions may read files or fetch URLs). */
  readonly standardFunctionsOnly?: boolean;
  /** The row limit: a SELECT gets LIMIT maxRows + 1 at most, so an engine that answers whole stops early and truncation still shows. */
  readonly maxRows?: number;
}

/** Syntax limits under which sparqljs, these tree walks, Oxigraph and Comunica all take a query in a few milliseconds without trapping. */
export const DEFAULT_SYNTAX_LIMITS = { maxNesting: 64, maxUnions: 256, maxLiteralLength: 4096, maxTriplePatterns: 64, maxExpressionDepth: 128, maxPathSteps: 64, maxArguments: 256 } as const;

/** Values bound to variables of the query as RDF terms, keyed by variable name without `?`. */
export type QueryBindings = Readonly<Record<string, NamedNode | Literal | BlankNode>>;

/** Extras that change what a query text means without pasting strings into it. */
export interface PrepareOptions {
  readonly dataset?: ProtocolDataset;
  readonly bindings?: QueryBindings;
}

/** A query that passed the policy, ready for an engine. */
export interface PreparedQuery {
  readonly form: QueryForm;
  /** The text to run: the original, or regenerated from the syntax tree when a dataset or bindings were applied. */
  readonly text: string;
  /** The projected variables of a SELECT (empty for `SELECT *` and other forms). */
  readonly variables: readonly string[];
  /** Every variable of the query in order of first appearance: the column order of `SELECT *`. */
  readonly variableOrder: readonly string[];
  /** False when the result may differ from run to run (NOW, RAND, UUID, STRUUID, BNODE): never cached, never given an ETag. */
  readonly repeatable: boolean;
  /** The RDF dataset to query instead of the store's own (from the protocol, else FROM / FROM NAMED); already removed from the text. */
  readonly dataset?: ProtocolDataset;
}

/**
 * Parses a query with sparqljs (the parser Comunica itself uses) and applies the
 * read-only, offline policy: no updates, no SERVICE, FROM only of graphs the store
 * holds. A protocol dataset replaces the query's FROM clauses, as the protocol says.
 */
export function prepareQuery(text: string, policy: QueryPolicy, options: PrepareOptions = {}): PreparedQuery {
  checkQueryText(text, policy);
  const parsed = parse(text, policy.baseIri);
  if (parsed.type === 'update') {
    throw new QueryRefusedError('SPARQL Update is not allowed: this endpoint is read-only. Send a SELECT, ASK, CONSTRUCT or DESCRIBE query.');
  }
  refuseOversizedTree(parsed, policy);
  const service = findService(parsed);
  if (service) {
    throw new QueryRefusedError(`SERVICE ${service} is not allowed: this endpoint makes no outbound requests; query only the data it holds.`);
  }
  const extension = policy.standardFunctionsOnly ? findExtensionFunction(parsed) : undefined;
  if (extension) {
    throw new QueryRefusedError(`The function <${extension}> is not allowed: only SPARQL's own functions and XSD casts are, since store extensions can read files or fetch URLs.`);
  }
  let changed = false;
  let dataset: ProtocolDataset | undefined;
  if (options.dataset && (options.dataset.defaultGraphs.length > 0 || options.dataset.namedGraphs.length > 0)) {
    // Graphs named by the protocol that the store does not hold are empty graphs: nothing is ever fetched.
    dataset = { defaultGraphs: options.dataset.defaultGraphs.map((iri) => graphIri(iri).value), namedGraphs: options.dataset.namedGraphs.map((iri) => graphIri(iri).value) };
  } else {
    refuseUnknownGraphs(parsed, policy.graphs);
    if (parsed.from && (parsed.from.default.length > 0 || parsed.from.named.length > 0)) {
      dataset = { defaultGraphs: parsed.from.default.map((term) => term.value), namedGraphs: parsed.from.named.map((term) => term.value) };
    }
  }
  if (dataset) {
    // The engine builds the dataset itself (Comunica 4.5 fails on GRAPH ?g and DESCRIBE under FROM NAMED), so FROM leaves the text.
    delete parsed.from;
    changed = true;
  }
  if (options.bindings && Object.keys(options.bindings).length > 0) {
    const row: ValuePatternRow = {};
    for (const [name, term] of Object.entries(options.bindings)) row[`?${name}`] = term;
    // A VALUES block at the head of the WHERE clause binds the variables as terms, never as pasted text.
    parsed.where = [{ type: 'values', values: [row] }, ...(parsed.where ?? [])];
    changed = true;
  }
  const shape = shapeOf(parsed);
  const repeatable = !findOperator(parsed, UNREPEATABLE);
  const cap = policy.maxRows === undefined ? undefined : policy.maxRows + 1;
  // Only SELECT is capped: LIMIT counts solutions, while the row limit of CONSTRUCT and DESCRIBE counts triples, and
  // solutions give triples neither one to one nor all distinct, so a cap there could drop triples without saying so.
  if (parsed.queryType === 'SELECT' && cap !== undefined && (parsed.limit === undefined || parsed.limit > cap)) {
    if (!changed && parsed.limit === undefined && parsed.values === undefined) {
      // A LIMIT clause may end any SELECT without a trailing VALUES: appended, it leaves the rest of the text as sent.
      return { ...shape, text: `${text}\nLIMIT ${cap}`, dataset, repeatable };
    }
    parsed.limit = cap;
    changed = true;
  }
  return { ...shape, text: changed ? new Generator().stringify(parsed) : text, dataset, repeatable };
}

/**
 * The checks of a query text that need no parser: its length, emptiness,
 * Virtuoso pragmas and the syntax limits measured on the text. Linear and
 * cheap, so they run wherever the query arrives, before it is handed to a
 * parser at all.
 */
export function checkQueryText(text: string, policy: QueryPolicy): void {
  if (text.length > policy.maxQueryLength) {
    throw new QueryRefusedError(`The query is ${text.length} characters long; this endpoint accepts at most ${policy.maxQueryLength}.`);
  }
  if (text.trim() === '') throw new QuerySyntaxError('The query is empty.');
  if (VIRTUOSO_PRAGMA.test(text)) {
    throw new QueryRefusedError('Virtuoso "define" pragmas are not SPARQL and are not allowed: some make the store fetch URLs. Send the query without them.');
  }
  refuseOversizedSyntax(text, policy);
}

/**
 * Refuses a text whose nesting, UNIONs or literals are larger than sparqljs
 * parses quickly and its recursive tree builder and the engines survive
 * (Oxigraph's WebAssembly traps from about 180 nested `[]`, 690 nested `{}`,
 * 1,200 nested `()` or 2,400 UNIONs; sparqljs takes 18 s for 4,980 nested
 * `{}`), measured before any of them sees it. Measured on the text as sent and
 * as Oxigraph reads it, with codepoint escapes decoded. Within these limits
 * parsing is bounded by the length: any 10,000-character query took sparqljs
 * 50 to 120 ms of CPU on the 2-core development machine, 63 nested groups
 * around 1,000 triple patterns being the slowest (twice a flat query).
 */
function refuseOversizedSyntax(text: string, policy: QueryPolicy): void {
  const maxNesting = policy.maxNesting ?? DEFAULT_SYNTAX_LIMITS.maxNesting;
  const maxUnions = policy.maxUnions ?? DEFAULT_SYNTAX_LIMITS.maxUnions;
  const maxLiteralLength = policy.maxLiteralLength ?? DEFAULT_SYNTAX_LIMITS.maxLiteralLength;
  const decoded = decodeCodepointEscapes(text);
  for (const measures of decoded === text ? [measureQuery(text)] : [measureQuery(text), measureQuery(decoded)]) {
    if (measures.depth > maxNesting) {
      throw new QueryRefusedError(`The query nests brackets ${measures.depth} deep ${where(measures.depthAt)}; this endpoint accepts at most ${maxNesting}.`);
    }
    if (measures.unions.length > maxUnions) {
      throw new QueryRefusedError(`The query has ${measures.unions.length} UNIONs, the first one too many ${where(measures.unions[maxUnions]!)}; this endpoint accepts at most ${maxUnions}.`);
    }
    if (measures.literalLength > maxLiteralLength) {
      throw new QueryRefusedError(`The query has a literal of ${measures.literalLength} characters ${where(measures.literalAt)}; this endpoint accepts at most ${maxLiteralLength}.`);
    }
  }
}

/** Refuses a parsed query larger than the engines plan and evaluate safely (see measureSyntaxTree). */
function refuseOversizedTree(parsed: Query, policy: QueryPolicy): void {
  const measures = measureSyntaxTree(parsed);
  const checks = [
    [measures.triplePatterns, policy.maxTriplePatterns ?? DEFAULT_SYNTAX_LIMITS.maxTriplePatterns, 'triple patterns in one group'],
    [measures.expressionDepth, policy.maxExpressionDepth ?? DEFAULT_SYNTAX_LIMITS.maxExpressionDepth, 'levels of nested operators and function calls (each chained operator counts, brackets or not)'],
    [measures.pathSteps, policy.maxPathSteps ?? DEFAULT_SYNTAX_LIMITS.maxPathSteps, 'steps in one property path'],
    [measures.arguments, policy.maxArguments ?? DEFAULT_SYNTAX_LIMITS.maxArguments, 'arguments to one operator or function'],
  ] as const;
  for (const [measured, limit, what] of checks) {
    if (measured > limit) throw new QueryRefusedError(`The query has ${measured} ${what}; this endpoint accepts at most ${limit}.`);
  }
}

function where(position: TextPosition): string {
  return `at line ${position.line}, column ${position.column}`;
}

/** What a runner needs to know of a prepared query to write its result without parsing it again. */
export type QueryShape = Pick<PreparedQuery, 'form' | 'variables' | 'variableOrder'>;

/** The shape of a query text without the policy: for running a runner directly, as tests of the engines below the policy do. */
export function queryShape(text: string, baseIri: string): QueryShape {
  const parsed = parse(text, baseIri);
  if (parsed.type === 'update') throw new QueryRefusedError('An update has no result shape.');
  return shapeOf(parsed);
}

function shapeOf(parsed: Query): QueryShape {
  return {
    form: parsed.queryType.toLowerCase() as QueryForm,
    variables: parsed.queryType === 'SELECT' ? parsed.variables.flatMap((item) => ('termType' in item ? (item.termType === 'Variable' ? [item.value] : []) : [item.variable.value])) : [],
    variableOrder: variablesInOrder(parsed),
  };
}

/**
 * prepareQuery with its last results remembered: the HTTP layer prepares a query
 * to choose its format and the engine again to run it, and harvesters repeat
 * queries; parsing is most of an engine's own cost for small queries.
 */
export function createQueryPreparer(policy: QueryPolicy, capacity = 256): (text: string, options?: PrepareOptions) => PreparedQuery {
  const remembered = new Map<string, PreparedQuery>();
  return (text, options = {}) => {
    const key = JSON.stringify([text, options.dataset ?? null, options.bindings ?? null]);
    const known = remembered.get(key);
    if (known) {
      // Re-inserted so the map's order is least recently used first.
      remembered.delete(key);
      remembered.set(key, known);
      return known;
    }
    const prepared = prepareQuery(text, policy, options);
    remembered.set(key, prepared);
    if (remembered.size > capacity) remembered.delete(remembered.keys().next().value!);
    return prepared;
  };
}

/**
 * Every variable name in a syntax tree, in order of first appearance: the
 * column order of `SELECT *` other stores and the W3C tests expect, where
 * Comunica reports its variables sorted.
 */
function variablesInOrder(tree: unknown): string[] {
  const seen = new Set<string>();
  for (const node of nodesOf(tree)) {
    if (node.termType === 'Variable' && typeof node.value === 'string') seen.add(node.value);
  }
  return [...seen];
}

/**
 * Every object in a syntax tree, depth first in document order, from an
 * explicit stack: no nesting of the tree can overflow the call stack.
 */
function* nodesOf(tree: unknown): Generator<Record<string, unknown>> {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const children = Array.isArray(node) ? node : Object.values(node);
    if (!Array.isArray(node)) yield node as Record<string, unknown>;
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
}

/** A Virtuoso `define name value` line ahead of the query, after any comments. */
const VIRTUOSO_PRAGMA = /^\s*(?:#[^\n]*\n\s*)*define\s/i;

const XSD = 'http://www.w3.org/2001/XMLSchema#';

function parse(text: string, baseIri: string): SparqlQuery {
  let parsed: SparqlQuery;
  try {
    parsed = new Parser({ baseIRI: baseIri }).parse(text);
  } catch (error) {
    const hash = (error as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash;
    const line = hash?.loc?.first_line;
    const column = hash?.loc?.first_column === undefined ? undefined : hash.loc.first_column + 1;
    throw new QuerySyntaxError((error as Error).message, line, column);
  }
  if (parsed.type === undefined) {
    // sparqljs reads a text of comments and PREFIX / BASE declarations as a query with no form.
    throw new QuerySyntaxError('The query has no SELECT, ASK, CONSTRUCT or DESCRIBE form; it holds only a prologue or comments.');
  }
  return parsed;
}

function graphIri(iri: string): NamedNode {
  // An IRI must be absolute and free of the characters an IRIREF cannot hold.
  if (!isAbsoluteIri(iri)) throw new QueryRefusedError(`"${iri}" is not an absolute IRI, so it cannot name a graph.`);
  return DataFactory.namedNode(iri);
}

function refuseUnknownGraphs(query: Query, graphs: ReadonlySet<string>): void {
  for (const [keyword, list] of [['FROM', query.from?.default], ['FROM NAMED', query.from?.named]] as const) {
    for (const graph of list ?? []) {
      if (!graphs.has(graph.value)) {
        throw new QueryRefusedError(
          `${keyword} <${graph.value}> is not allowed: this endpoint never fetches or reads graphs; ${keyword} may only name a graph it holds` +
            (graphs.size > 0 ? ` (${[...graphs].slice(0, 10).map((iri) => `<${iri}>`).join(', ')}${graphs.size > 10 ? ', …' : ''}).` : ', and it holds only its default graph.'),
        );
      }
    }
  }
}

/** The name of the first SERVICE clause anywhere in the syntax tree, if any. */
function findService(tree: unknown): string | undefined {
  for (const node of nodesOf(tree)) {
    if (node.type === 'service') {
      const name = node.name as { termType: string; value: string };
      return name.termType === 'Variable' ? `?${name.value}` : `<${name.value}>`;
    }
  }
  return undefined;
}

/** The SPARQL functions whose value differs from one evaluation to the next. */
const UNREPEATABLE: ReadonlySet<string> = new Set(['now', 'rand', 'uuid', 'struuid', 'bnode']);

/** Whether the syntax tree calls any of these built-in functions. */
function findOperator(tree: unknown, operators: ReadonlySet<string>): boolean {
  for (const node of nodesOf(tree)) {
    if (node.type === 'operation' && typeof node.operator === 'string' && operators.has(node.operator.toLowerCase())) return true;
  }
  return false;
}

/** The IRI of the first call to a function other than an XSD cast, anywhere in the syntax tree. */
function findExtensionFunction(tree: unknown): string | undefined {
  for (const node of nodesOf(tree)) {
    if (node.type !== 'functionCall') continue;
    const name = node.function as { termType?: string; value?: string } | undefined;
    if (name?.termType === 'NamedNode' && !name.value!.startsWith(XSD)) return name.value;
  }
  return undefined;
}
