import type { Quad, Term } from '@rdfjs/types';

// Written here rather than with rdflib.js, the RDF/XML writer at hand: rdflib.js
// nests a blank node that has a type inside rdf:parseType="Resource" as a node
// element, which parsers read as different triples, and it took 28 s for a
// 760 000-triple graph. This writer never nests: one rdf:Description per
// subject, in the order given, so its output is as deterministic as its input.

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
/** An XML name that can follow a namespace prefix (ASCII subset of NCName, which is all RDF vocabularies use). */
const LOCAL_NAME = /[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Characters XML 1.0 cannot carry at all, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** An RDF term that RDF/XML cannot write, such as a predicate IRI with no XML local name. */
export class RdfXmlError extends Error {
  override readonly name = 'RdfXmlError';
}

/** Writes triples as RDF/XML, using `prefixes` for predicate namespaces and inventing ns1, ns2… for others. */
export function writeRdfXml(quads: readonly Quad[], prefixes: Readonly<Record<string, string>>): string {
  return [...rdfXmlChunks(quads, prefixes, Infinity)].join('');
}

/** The text of writeRdfXml in pieces of about `quadsPerChunk` triples each, for streaming a large graph. */
export function* rdfXmlChunks(quads: readonly Quad[], prefixes: Readonly<Record<string, string>>, quadsPerChunk: number): Generator<string> {
  // The root element declares the namespaces, so every predicate is named before any is written.
  const writer = new RdfXmlWriter(prefixes, quads.map((quad) => quad.predicate.value));
  let start = 0;
  let body: string[] = [writer.head()];
  let inChunk = 0;
  // A chunk ends where a subject ends, once it holds `quadsPerChunk` triples.
  for (let index = 0; index < quads.length; index += 1) {
    if (inChunk >= quadsPerChunk && !quads[index]!.subject.equals(quads[index - 1]!.subject)) {
      body.push(writer.write(quads.slice(start, index)));
      yield body.join('');
      body = [];
      start = index;
      inChunk = 0;
    }
    inChunk += 1;
  }
  body.push(writer.write(quads.slice(start)), writer.end());
  yield body.join('');
}

/**
 * RDF/XML written a slice of triples at a time: the predicates are named up
 * front (in the order they first occur), so the root element can declare
 * every namespace before the first description; a subject's triples may
 * continue from one slice to the next.
 */
export class RdfXmlWriter {
  private readonly namespaces = new Map<string, string>([[RDF_NS, 'rdf']]);
  private readonly used = new Set<string>([RDF_NS]);
  private readonly qnames = new Map<string, string>();
  private invented = 0;
  private subject: string | undefined;

  constructor(prefixes: Readonly<Record<string, string>>, predicates: Iterable<string>) {
    for (const [prefix, iri] of Object.entries(prefixes)) if (!this.namespaces.has(iri) && prefix !== 'rdf') this.namespaces.set(iri, prefix);
    for (const predicate of predicates) this.qname(predicate);
  }

  /** The XML declaration and the root element with its namespaces. */
  head(): string {
    const declarations = [...this.namespaces].filter(([iri]) => this.used.has(iri)).map(([iri, prefix]) => `\n    xmlns:${prefix}="${text(iri)}"`).join('');
    return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${declarations}>`;
  }

  /** The descriptions of these triples, which follow the ones written before. */
  write(quads: readonly Quad[]): string {
    const body: string[] = [];
    for (const quad of quads) {
      const key = `${quad.subject.termType} ${quad.subject.value}`;
      if (key !== this.subject) {
        if (this.subject !== undefined) body.push('  </rdf:Description>');
        body.push(`  <rdf:Description ${nodeAttribute(quad.subject, 'about')}>`);
        this.subject = key;
      }
      const name = this.qnames.get(quad.predicate.value) ?? this.qname(quad.predicate.value);
      const object = quad.object;
      if (object.termType === 'Literal') {
        const attribute = object.language ? ` xml:lang="${text(object.language)}"` : object.datatype.value === XSD_STRING ? '' : ` rdf:datatype="${text(object.datatype.value)}"`;
        body.push(`    <${name}${attribute}>${text(object.value)}</${name}>`);
      } else {
        body.push(`    <${name} ${nodeAttribute(object, 'resource')}/>`);
      }
    }
    return body.map((line) => `\n${line}`).join('');
  }

  /** Closes the last description and the root element. */
  end(): string {
    return `${this.subject !== undefined ? '\n  </rdf:Description>' : ''}\n</rdf:RDF>\n`;
  }

  private qname(iri: string): string {
    const known = this.qnames.get(iri);
    if (known) return known;
    // The namespace is what precedes the longest XML name the IRI ends with.
    const local = LOCAL_NAME.exec(iri)?.[0];
    if (!local || local.length === iri.length) throw new RdfXmlError(`RDF/XML cannot write the predicate <${iri}>: it does not end in an XML name.`);
    const namespace = iri.slice(0, iri.length - local.length);
    if (!this.namespaces.has(namespace)) this.namespaces.set(namespace, `ns${++this.invented}`);
    this.used.add(namespace);
    const name = `${this.namespaces.get(namespace)}:${local}`;
    this.qnames.set(iri, name);
    return name;
  }
}

function nodeAttribute(term: Term, iriAttribute: 'about' | 'resource'): string {
  if (term.termType === 'NamedNode') return `rdf:${iriAttribute}="${text(term.value)}"`;
  if (term.termType === 'BlankNode') return `rdf:nodeID="${blankNodeId(term.value)}"`;
  throw new RdfXmlError(`RDF/XML cannot write a ${term.termType} in this position.`);
}

/** rdf:nodeID must be an XML name; other labels are mapped one to one. */
function blankNodeId(label: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(label) ? label : `b${Buffer.from(label).toString('hex')}`;
}

function text(value: string): string {
  if (NOT_XML.test(value)) throw new RdfXmlError(`RDF/XML cannot carry the control characters in ${JSON.stringify(value)}.`);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');
}
