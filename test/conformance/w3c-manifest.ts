import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DataFactory, Parser, Store } from 'n3';
import * as rdflib from 'rdflib';
import type { Quad, Term } from '@rdfjs/types';
import { CONFORMANCE_DIR } from '../support/conformance-dir.js';

/** The W3C SPARQL 1.1 suites, read in place from CONFORMANCE_DIR and never copied into the project. */
export const SPARQL11_DIR = join(CONFORMANCE_DIR, 'sparql11/');

export const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
export const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
export const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const HT = 'http://www.w3.org/2011/http#';
export const CNT = 'http://www.w3.org/2011/content#';

const { namedNode } = DataFactory;

/** A parsed manifest: its store, its file and its test entries in order. */
export interface Manifest {
  readonly store: Store;
  readonly file: string;
  readonly entries: readonly Term[];
}

/** Reads a manifest file and the items of its mf:entries list. */
export function readManifest(file: string): Manifest {
  const store = new Store(parseRdfFile(file));
  const entries: Term[] = [];
  for (const list of store.getObjects(null, namedNode(`${MF}entries`), null)) entries.push(...listItems(store, list));
  return { store, file, entries };
}

/** The members of an RDF collection. */
export function listItems(store: Store, head: Term): Term[] {
  const items: Term[] = [];
  let node = head;
  while (!(node.termType === 'NamedNode' && node.value === `${RDF_NS}nil`)) {
    const first = store.getObjects(node as Quad['subject'], namedNode(`${RDF_NS}first`), null)[0];
    if (!first) break;
    items.push(first);
    node = store.getObjects(node as Quad['subject'], namedNode(`${RDF_NS}rest`), null)[0] ?? namedNode(`${RDF_NS}nil`);
  }
  return items;
}

/** The first object of subject/predicate, if any. */
export function objectOf(store: Store, subject: Term, predicate: string): Term | undefined {
  return store.getObjects(subject as Quad['subject'], namedNode(predicate), null)[0];
}

/** All objects of subject/predicate. */
export function objectsOf(store: Store, subject: Term, predicate: string): Term[] {
  return store.getObjects(subject as Quad['subject'], namedNode(predicate), null);
}

/** The folder of a manifest entry relative to the suite, e.g. "aggregates". */
export function suiteDirectory(file: string): string {
  return dirname(file).slice(SPARQL11_DIR.length).replace(/\/$/, '') || '.';
}

/** Parses Turtle, N-Triples or RDF/XML from a file, with the file's own IRI as base (as the suite's relative IRIs expect). */
export function parseRdfFile(file: string, graph?: Quad['graph']): Quad[] {
  const text = readFileSync(file, 'utf8');
  const base = pathToFileURL(file).href;
  const quads = file.endsWith('.rdf') ? parseRdfXml(text, base) : new Parser({ baseIRI: base, format: file.endsWith('.nt') ? 'N-Triples' : 'Turtle' }).parse(text);
  return graph ? quads.map((quad) => DataFactory.quad(quad.subject, quad.predicate, quad.object, graph)) : quads;
}

function parseRdfXml(text: string, base: string): Quad[] {
  const store = rdflib.graph();
  rdflib.parse(text, store, base, 'application/rdf+xml');
  return store.statements.map((statement) =>
    DataFactory.quad(toN3(statement.subject) as Quad['subject'], toN3(statement.predicate) as Quad['predicate'], toN3(statement.object) as Quad['object']),
  );
}

function toN3(term: { termType: string; value: string; language?: string; datatype?: { value: string } }): Term {
  if (term.termType === 'BlankNode') return DataFactory.blankNode(term.value);
  if (term.termType === 'Literal') return DataFactory.literal(term.value, term.language || DataFactory.namedNode(term.datatype!.value));
  return DataFactory.namedNode(term.value);
}

/** The local file a file: IRI names. */
export function fileOf(iri: Term): string {
  return fileURLToPath(iri.value);
}

/** Joins a path under the suite folder. */
export function suitePath(...parts: string[]): string {
  return join(SPARQL11_DIR, ...parts);
}
