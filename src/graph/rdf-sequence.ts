import type { Store } from 'n3';
import type { NamedNode, Term } from '@rdfjs/types';
import { RDF } from './namespaces.js';

// Reads what GraphWriter.sequence writes (the authors' order as an rdf:Seq):
// one reader for the record pages, the citations, the harvest records and the
// Signposting links.

/** A container membership property, `rdf:_1`, `rdf:_2`…, with its position. */
const MEMBERSHIP = new RegExp(`^${RDF.iri.replace(/[.]/g, '\\.')}_([1-9][0-9]*)$`);

/** The objects of a container's membership statements (`rdf:_1`, `rdf:_2`…), in that order; other statements are ignored. */
export function membersInOrder(quads: readonly { readonly predicate: Term; readonly object: Term }[]): Term[] {
  const members: [number, Term][] = [];
  for (const quad of quads) {
    const match = MEMBERSHIP.exec(quad.predicate.value);
    if (match) members.push([Number(match[1]), quad.object]);
  }
  return members.sort((a, b) => a[0] - b[0]).map(([, member]) => member);
}

/**
 * The members of the RDF container (an `rdf:Seq`, the authors' order) that
 * `subject predicate` points at, in the order of their `rdf:_n`; empty when
 * there is none.
 */
export function sequenceMembers(store: Store, subject: Term | string, predicate: NamedNode): Term[] {
  const container = store.getObjects(subject, predicate, null)[0];
  return container ? membersInOrder(store.getQuads(container, null, null, null)) : [];
}

