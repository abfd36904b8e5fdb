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
  const namespaces = new Map<string, string>([[RDF_NS, 'rdf']]);
  for (const [prefix, iri] of Object.entries(prefixes)) if (!namespaces.has(iri) && prefix !== 'rdf') namespaces.set(iri, prefix);
  const used = new Set<string>([RDF_NS]);
  let invented = 0;
  const qnames = new Map<string, string>();
  const qname = (iri: string): string => {
    const known = qnames.get(iri);
    if (known) return known;
    // The namespace is what precedes the longest XML name the IRI ends with.
    const local = LOCAL_NAME.exec(iri)?.[0];
    if (!local || local.length === iri.length) throw new RdfXmlError(`RDF/XML cannot write the predicate <${iri}>: it does not end in an XML name.`);
    const namespace = iri.slice(0, iri.length - local.length);
    if (!namespaces.has(namespace)) namespaces.set(namespace, `ns${++invented}`);
    used.add(namespace);
    const name = `${namespaces.get(namespace)}:${local}`;
    qnames.set(iri, name);
    return name;
  };
  // The root element declares the namespaces, so every predicate is named before any is written.
  for (const quad of quads) qname(quad.predicate.value);
  const declarations = [...namespaces].filter(([iri]) => used.has(iri)).map(([iri, prefix]) => `\n    xmlns:${prefix}="${text(iri)}"`).join('');
  let body: string[] = [`<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${declarations}>`];
  let subject: string | undefined;
  let inChunk = 0;
  for (const quad of quads) {
    const key = `${quad.subject.termType} ${quad.subject.value}`;
    if (key !== subject) {
      if (subject !== undefined) body.push('  </rdf:Description>');
      if (inChunk >= quadsPerChunk) {
        yield `${body.join('\n')}\n`;
        body = [];
        inChunk = 0;
      }
      body.push(`  <rdf:Description ${nodeAttribute(quad.subject, 'about')}>`);
      subject = key;
    }
    inChunk += 1;
    const name = qname(quad.predicate.value);
    const object = quad.object;
    if (object.termType === 'Literal') {
      const attribute = object.language ? ` xml:lang="${text(object.language)}"` : object.datatype.value === XSD_STRING ? '' : ` rdf:datatype="${text(object.datatype.value)}"`;
      body.push(`    <${name}${attribute}>${text(object.value)}</${name}>`);
    } else {
      body.push(`    <${name} ${nodeAttribute(object, 'resource')}/>`);
    }
  }
  if (subject !== undefined) body.push('  </rdf:Description>');
  body.push('</rdf:RDF>\n');
  yield body.join('\n');
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
