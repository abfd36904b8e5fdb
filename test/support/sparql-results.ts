import { Readable } from 'node:stream';
import jsonld from 'jsonld';
import { DataFactory, Parser as N3Parser } from 'n3';
import * as rdflib from 'rdflib';
import { SparqlJsonParser } from 'sparqljson-parse';
import { SparqlXmlParser } from 'sparqlxml-parse';
import type { Quad, Term } from '@rdfjs/types';

/** One solution: variable name (without `?`) → term. */
export type Row = Record<string, Term>;

/** Parses SPARQL JSON results with sparqljson-parse. */
export function parseJsonRows(text: string): Row[] {
  return new SparqlJsonParser().parseJsonResults(JSON.parse(text)).map(stripMarks);
}

/** Parses a SPARQL JSON boolean. */
export function parseJsonBoolean(text: string): boolean {
  return new SparqlJsonParser().parseJsonBoolean(JSON.parse(text));
}

/** Parses SPARQL XML results with sparqlxml-parse. */
export async function parseXmlRows(text: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of new SparqlXmlParser().parseXmlResultsStream(Readable.from([text]))) rows.push(stripMarks(row as unknown as Record<string, Term>));
  return rows;
}

/** Parses a SPARQL XML boolean. */
export function parseXmlBoolean(text: string): Promise<boolean> {
  return new SparqlXmlParser().parseXmlBooleanStream(Readable.from([text]));
}

/** Parses an RDF document in any format the endpoint writes, each with a parser other than the one that wrote it where one exists. */
export async function parseRdf(text: string, mediaType: string, base = 'http://localhost/'): Promise<Quad[]> {
  switch (mediaType) {
    case 'application/ld+json': {
      const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' })) as unknown as string;
      return new N3Parser({ format: 'application/n-quads' }).parse(nquads);
    }
    case 'application/rdf+xml': {
      const store = rdflib.graph();
      rdflib.parse(text, store, base, 'application/rdf+xml');
      return store.statements.map((statement) =>
        DataFactory.quad(toN3(statement.subject) as Quad['subject'], toN3(statement.predicate) as Quad['predicate'], toN3(statement.object) as Quad['object']),
      );
    }
    default:
      return new N3Parser({ format: mediaType, baseIRI: base }).parse(text);
  }
}

function stripMarks(row: Record<string, Term>): Row {
  return Object.fromEntries(Object.entries(row).map(([name, term]) => [name.replace(/^\?/, ''), term]));
}

function toN3(term: { termType: string; value: string; language?: string; datatype?: { value: string } }): Term {
  if (term.termType === 'BlankNode') return DataFactory.blankNode(term.value);
  if (term.termType === 'Literal') return DataFactory.literal(term.value, term.language || DataFactory.namedNode(term.datatype!.value));
  return DataFactory.namedNode(term.value);
}
