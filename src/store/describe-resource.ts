import { DataFactory, type Store } from 'n3';
import type { Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import { DCT, FOAF, RDF, RDFS, SCHEMA, SKOS } from '../graph/namespaces.js';
import { BoundedCache } from './bounded-cache.js';

/** The predicates whose objects name a resource, in the order a reader would look for a name. */
export const LABEL_PREDICATES: readonly NamedNode[] = [SKOS.prefLabel, SCHEMA.name, FOAF.name, DCT.title, RDFS.label];

/** What a resource's document says about it. */
export interface ResourceDescription {
  /** The described resource's IRI. */
  readonly iri: string;
  /** Its concise bounded description: its own triples, its hash parts' triples and the blank nodes they reach. */
  readonly own: readonly Quad[];
  /** The label triples of the resources `own` links to, so a client can name them without another request. */
  readonly labels: readonly Quad[];
  /** `own` and `labels` together: what the document serialises. */
  readonly quads: readonly Quad[];
}

/**
 * The description of `iri`, or undefined when the graph says nothing about it.
 * Hash IRIs (`{iri}#distribution-x`) are described with the IRI they hang off,
 * because a client dereferencing them fetches that document.
 */
export function describeResource(store: Store, iri: string): ResourceDescription | undefined {
  // The graph never changes once loaded, so a description is computed once while it stays in the
  // bounded memo. Misses are not kept: they are cheap, and any IRI a client makes up would otherwise
  // take room from real descriptions.
  let described = descriptions.get(store);
  if (!described) descriptions.set(store, (described = new BoundedCache(DESCRIPTION_MEMO_BYTES)));
  const known = described.get(iri);
  if (known) return known;
  const description = computeDescription(store, iri);
  if (description) described.set(iri, description, iri.length + description.quads.length * QUAD_BYTES);
  return description;
}

/** The bound of the descriptions kept per loaded store, in (estimated) bytes. */
export const DESCRIPTION_MEMO_BYTES = 16 * 1024 * 1024;

/** What one quad of a description holds of its own: the quad and term objects (their strings are the store's). */
const QUAD_BYTES = 200;

// Keyed by the store itself: a graph loaded anew is a new store, whose descriptions start empty.
const descriptions = new WeakMap<Store, BoundedCache<ResourceDescription>>();

function computeDescription(store: Store, iri: string): ResourceDescription | undefined {
  const subjects = subjectsWithin(store, iri);
  if (!subjects.some((subject) => subject.value === iri)) return undefined;
  const own = boundedDescription(store, subjects);
  const linked = new Map<string, Term>();
  for (const quad of own) {
    if (quad.object.termType === 'NamedNode' && !isWithin(quad.object.value, iri)) linked.set(quad.object.value, quad.object);
  }
  const labels = [...linked.values()].flatMap((node) => labelQuads(store, node));
  return { iri, own, labels, quads: [...own, ...labels] };
}

/** The label literals of a node, in LABEL_PREDICATES order. */
export function labelsOf(store: Store, node: Term): Literal[] {
  return labelQuads(store, node).map((quad) => quad.object as Literal);
}

/** The resources (hash parts folded into their resource) whose triples point at `iri`, excluding itself. */
export function resourcesLinkingTo(store: Store, iri: string): NamedNode[] {
  const found = new Map<string, NamedNode>();
  for (const quad of store.getQuads(null, null, iri, null)) {
    if (quad.subject.termType !== 'NamedNode') continue;
    const owner = quad.subject.value.split('#')[0]!;
    if (owner === iri) continue;
    if (store.countQuads(owner, null, null, null) > 0) found.set(owner, DataFactory.namedNode(owner));
  }
  return [...found.values()].sort((a, b) => a.value.localeCompare(b.value, 'en'));
}

/** The subjects typed `type`, in IRI order. */
export function instancesOf(store: Store, type: NamedNode): NamedNode[] {
  const subjects = store.getSubjects(RDF.type, type, null).filter((subject) => subject.termType === 'NamedNode') as NamedNode[];
  return subjects.sort((a, b) => a.value.localeCompare(b.value, 'en'));
}

/** The IRI objects of `subject predicate ?`, in IRI order. */
export function linkedResources(store: Store, subject: string, predicate: NamedNode): NamedNode[] {
  const objects = store.getObjects(subject, predicate, null).filter((object) => object.termType === 'NamedNode') as NamedNode[];
  return objects.sort((a, b) => a.value.localeCompare(b.value, 'en'));
}

// Scanned once per store: the graph never changes once loaded.
const languagesByStore = new WeakMap<Store, string[]>();

/** Every language tag a literal of the graph carries, lower-cased. */
export function literalLanguages(store: Store): string[] {
  const known = languagesByStore.get(store);
  if (known) return known;
  const languages = new Set<string>();
  for (const quad of store.getQuads(null, null, null, null)) {
    if (quad.object.termType === 'Literal' && quad.object.language) languages.add(quad.object.language.toLowerCase());
  }
  const sorted = [...languages].sort();
  languagesByStore.set(store, sorted);
  return sorted;
}

function isWithin(candidate: string, iri: string): boolean {
  return candidate === iri || candidate.startsWith(`${iri}#`);
}

/** Per store, its IRI subjects grouped by the part before `#`; the graph never changes once loaded. */
const subjectsByOwner = new WeakMap<Store, Map<string, Term[]>>();

function ownerIndex(store: Store): Map<string, Term[]> {
  let index = subjectsByOwner.get(store);
  if (!index) {
    index = new Map();
    for (const subject of store.getSubjects(null, null, null)) {
      if (subject.termType !== 'NamedNode') continue;
      const owner = subject.value.split('#')[0]!;
      index.set(owner, [...(index.get(owner) ?? []), subject]);
    }
    subjectsByOwner.set(store, index);
  }
  return index;
}

// Looked up in an index rather than by scanning every subject per request:
// the scan made a document cost time proportional to the whole graph.
function subjectsWithin(store: Store, iri: string): Term[] {
  return (ownerIndex(store).get(iri.split('#')[0]!) ?? []).filter((subject) => isWithin(subject.value, iri));
}

/** The triples of the subjects plus, recursively, those of the blank nodes they reach (CBD, without reification). */
function boundedDescription(store: Store, subjects: readonly Term[]): Quad[] {
  const quads: Quad[] = [];
  const seen = new Set<string>();
  const queue = [...subjects];
  for (let subject = queue.shift(); subject; subject = queue.shift()) {
    const key = `${subject.termType}:${subject.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const quad of store.getQuads(subject, null, null, null)) {
      quads.push(quad);
      if (quad.object.termType === 'BlankNode') queue.push(quad.object);
    }
  }
  return quads;
}

function labelQuads(store: Store, node: Term): Quad[] {
  return LABEL_PREDICATES.flatMap((predicate) =>
    store.getQuads(node, predicate, null, null).filter((quad) => quad.object.termType === 'Literal'),
  );
}
