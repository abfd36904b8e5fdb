import { readFileSync } from 'node:fs';
import { isomorphic } from 'rdf-isomorphic';
import { DataFactory, Store } from 'n3';
import { SparqlJsonParser } from 'sparqljson-parse';
import { SparqlXmlParser } from 'sparqlxml-parse';
import { Readable } from 'node:stream';
import type { Quad, Term } from '@rdfjs/types';
import { objectOf, objectsOf, parseRdfFile, RDF_NS } from './w3c-manifest.js';

/** One solution: variable name → term. */
export type Solution = Record<string, Term>;

/** An expected or actual result: solutions, a boolean or a graph. */
export type Outcome = { readonly kind: 'solutions'; readonly rows: Solution[] } | { readonly kind: 'boolean'; readonly value: boolean } | { readonly kind: 'graph'; readonly quads: Quad[] };

const RS = 'http://www.w3.org/2001/sw/DataAccess/tests/result-set#';

/** Reads a test's expected result file (.srx, .srj, .ttl/.nt/.rdf as a graph or an rs:ResultSet). */
export async function readExpected(file: string): Promise<Outcome> {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.srj')) return parseJsonOutcome(text);
  if (file.endsWith('.srx')) return parseXmlOutcome(text);
  const quads = parseRdfFile(file);
  const store = new Store(quads);
  const resultSet = store.getSubjects(DataFactory.namedNode(`${RDF_NS}type`), DataFactory.namedNode(`${RS}ResultSet`), null)[0];
  if (!resultSet) return { kind: 'graph', quads };
  const boolean = objectOf(store, resultSet, `${RS}boolean`);
  if (boolean) return { kind: 'boolean', value: boolean.value === 'true' };
  const solutions = objectsOf(store, resultSet, `${RS}solution`).map((solution) => ({
    index: Number(objectOf(store, solution, `${RS}index`)?.value ?? 0),
    row: Object.fromEntries(objectsOf(store, solution, `${RS}binding`).map((binding) => [objectOf(store, binding, `${RS}variable`)!.value, objectOf(store, binding, `${RS}value`)!])),
  }));
  solutions.sort((a, b) => a.index - b.index);
  return { kind: 'solutions', rows: solutions.map((solution) => solution.row) };
}

/** Parses a SPARQL JSON response. */
export function parseJsonOutcome(text: string): Outcome {
  const json = JSON.parse(text) as { boolean?: boolean };
  const parser = new SparqlJsonParser();
  if (typeof json.boolean === 'boolean') return { kind: 'boolean', value: parser.parseJsonBoolean(json) };
  return { kind: 'solutions', rows: parser.parseJsonResults(json).map(stripMarks) };
}

/** Parses a SPARQL XML response. */
export async function parseXmlOutcome(text: string): Promise<Outcome> {
  if (/<boolean>/.test(text)) return { kind: 'boolean', value: await new SparqlXmlParser().parseXmlBooleanStream(Readable.from([text])) };
  const rows: Solution[] = [];
  for await (const row of new SparqlXmlParser().parseXmlResultsStream(Readable.from([text]))) rows.push(stripMarks(row as unknown as Record<string, Term>));
  return { kind: 'solutions', rows };
}

function stripMarks(row: Record<string, Term>): Solution {
  return Object.fromEntries(Object.entries(row).map(([name, term]) => [name.replace(/^\?/, ''), term]));
}

/** Whether two outcomes agree: solutions as multisets (as sequences when ordered), blank nodes up to a consistent renaming, graphs up to isomorphism. */
export function sameOutcome(expected: Outcome, actual: Outcome, ordered: boolean): boolean {
  if (expected.kind !== actual.kind) return false;
  if (expected.kind === 'boolean' && actual.kind === 'boolean') return expected.value === actual.value;
  if (expected.kind === 'graph' && actual.kind === 'graph') return isomorphic(expected.quads, actual.quads);
  if (expected.kind === 'solutions' && actual.kind === 'solutions') {
    if (expected.rows.length !== actual.rows.length) return false;
    return matchRows(expected.rows, actual.rows, ordered, new Map(), new Map());
  }
  return false;
}

/** Backtracking search for a pairing of rows under one blank node bijection. */
function matchRows(expected: Solution[], actual: Solution[], ordered: boolean, forward: Map<string, string>, backward: Map<string, string>): boolean {
  if (expected.length === 0) return true;
  const [first, ...rest] = expected;
  const candidates = ordered ? [0] : actual.map((_row, index) => index);
  for (const index of candidates) {
    const trial = new Map(forward);
    const trialBack = new Map(backward);
    if (sameRow(first!, actual[index]!, trial, trialBack)) {
      const remaining = actual.filter((_row, other) => other !== index);
      if (matchRows(rest, remaining, ordered, trial, trialBack)) {
        forward.clear();
        for (const [key, value] of trial) forward.set(key, value);
        return true;
      }
    }
  }
  return false;
}

function sameRow(expected: Solution, actual: Solution, forward: Map<string, string>, backward: Map<string, string>): boolean {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const name of names) {
    const left = expected[name];
    const right = actual[name];
    if (!left || !right) return false;
    if (!sameTerm(left, right, forward, backward)) return false;
  }
  return true;
}

function sameTerm(left: Term, right: Term, forward: Map<string, string>, backward: Map<string, string>): boolean {
  if (left.termType === 'BlankNode' && right.termType === 'BlankNode') {
    const mapped = forward.get(left.value);
    const back = backward.get(right.value);
    if (mapped === undefined && back === undefined) {
      forward.set(left.value, right.value);
      backward.set(right.value, left.value);
      return true;
    }
    return mapped === right.value && back === left.value;
  }
  return left.equals(right);
}

/** Compares CSV or TSV text line by line as multisets, blank node labels replaced (they are only unique within a document). */
export function sameTable(expected: string, actual: string): boolean {
  const normalise = (text: string) =>
    text
      .replace(/\r\n/g, '\n')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/_:[\w.-]+/g, '_:b'));
  const [expectedHead, ...expectedRows] = normalise(expected);
  const [actualHead, ...actualRows] = normalise(actual);
  return expectedHead === actualHead && JSON.stringify(expectedRows.sort()) === JSON.stringify(actualRows.sort());
}
