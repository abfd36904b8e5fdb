import { DataFactory } from 'n3';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import type { Store } from 'n3';
import type { BuildManifest } from '../build/build-dist.js';
import { DCAT, DCT, FOAF, RDF, VOID, XSD } from '../graph/namespaces.js';

const { namedNode, literal, quad } = DataFactory;

/** VoID statistics of the default graph. */
export interface VoidFigures {
  readonly distinctSubjects: number;
  readonly properties: number;
  readonly classes: number;
}

/** Counts the distinct subjects, properties and classes (objects of rdf:type) of the store's default graph. */
export function voidFigures(store: Store): VoidFigures {
  const graph = DataFactory.defaultGraph();
  return {
    distinctSubjects: store.getSubjects(null, null, graph).length,
    properties: store.getPredicates(null, null, graph).length,
    classes: store.getObjects(null, RDF.type, graph).length,
  };
}

/** Where the described dataset can be had; public URLs built by the HTTP layer. */
export interface VoidAccess {
  /** The IRI of the void:Dataset node. */
  readonly dataset: string;
  /** Where the graph can be queried; absent when the site has no SPARQL endpoint. */
  readonly sparqlEndpoint?: string;
  /** The URLs of the whole-graph dumps. */
  readonly dumps: readonly string[];
  /** The resource to start browsing from (the catalogue). */
  readonly rootResource: string;
  /** The OAI-PMH repository, when the server has one. */
  readonly oaiPmh?: OaiPmhAccess;
}

/** Where the OAI-PMH repository is. */
export interface OaiPmhAccess {
  /** The IRI of the service. */
  readonly service: string;
  /** Its base URL, where harvesters send the verbs. */
  readonly endpoint: string;
}

/** OAI-PMH 2.0, which the repository conforms to. */
const OAI_PMH_SPECIFICATION = 'http://www.openarchives.org/OAI/2.0/openarchivesprotocol.htm';

/**
 * The OAI-PMH repository as a DCAT data service serving `dataset`, so a
 * client reading VoID or the service description finds where research
 * aggregators harvest the outputs; its Identify response describes it.
 */
export function oaiPmhService(access: OaiPmhAccess, dataset: string): Quad[] {
  const service = namedNode(access.service);
  return [
    quad(service, RDF.type, DCAT.DataService),
    quad(service, DCT.title, literal('OAI-PMH 2.0 repository of the outputs', 'en')),
    quad(service, DCAT.endpointURL, namedNode(access.endpoint)),
    quad(service, DCAT.endpointDescription, namedNode(`${access.endpoint}?verb=Identify`)),
    quad(service, DCT.conformsTo, namedNode(OAI_PMH_SPECIFICATION)),
    quad(service, DCAT.servesDataset, namedNode(dataset)),
  ];
}

/**
 * A VoID description of the built graph, every figure computed from the
 * store: triples, entities (IRI subjects under the base), distinct subjects
 * and objects, classes and properties with a partition for each, the
 * vocabularies used (the graph's prefixes that name a class or property),
 * dumps, the SPARQL endpoint and a few example resources.
 */
export function voidDescription(store: Store, manifest: BuildManifest, access: VoidAccess): Quad[] {
  const dataset = namedNode(access.dataset);
  const figures = voidFigures(store);
  const count = (n: number) => literal(String(n), XSD.integer);
  const subjects = store.getSubjects(null, null, null);
  const entities = subjects.filter((subject) => subject.termType === 'NamedNode' && subject.value.startsWith(manifest.baseUrl)).length;
  const classes = sortTerms(store.getObjects(null, RDF.type, null));
  const properties = sortTerms(store.getPredicates(null, null, null));
  const quads: Quad[] = [
    quad(dataset, RDF.type, VOID.Dataset),
    ...store.getObjects(access.rootResource, DCT.title, null).map((title) => quad(dataset, DCT.title, title as never)),
    quad(dataset, DCT.modified, literal(manifest.builtAt, XSD.dateTime)),
    quad(dataset, VOID.triples, count(store.size)),
    quad(dataset, VOID.entities, count(entities)),
    quad(dataset, VOID.distinctSubjects, count(figures.distinctSubjects)),
    quad(dataset, VOID.distinctObjects, count(store.getObjects(null, null, null).length)),
    quad(dataset, VOID.classes, count(figures.classes)),
    quad(dataset, VOID.properties, count(figures.properties)),
    quad(dataset, VOID.uriSpace, literal(manifest.baseUrl)),
    ...(access.sparqlEndpoint === undefined ? [] : [quad(dataset, VOID.sparqlEndpoint, namedNode(access.sparqlEndpoint))]),
    quad(dataset, VOID.rootResource, namedNode(access.rootResource)),
    ...access.dumps.map((dump) => quad(dataset, VOID.dataDump, namedNode(dump))),
    ...(access.oaiPmh ? oaiPmhService(access.oaiPmh, access.dataset) : []),
  ];
  for (const vocabulary of vocabulariesUsed([...classes, ...properties], manifest.prefixes)) quads.push(quad(dataset, VOID.vocabulary, namedNode(vocabulary)));
  for (const example of exampleResources(store, access.rootResource)) quads.push(quad(dataset, VOID.exampleResource, example));
  // Partitions get IRIs under the dataset rather than blank nodes: nested blank nodes come out of rdflib's RDF/XML writer wrong.
  classes.forEach((type, index) => {
    const partition = namedNode(`${access.dataset}-class-${index + 1}`);
    quads.push(
      quad(dataset, VOID.classPartition, partition),
      quad(partition, VOID.class, type as NamedNode),
      quad(partition, VOID.entities, count(store.countQuads(null, RDF.type, type, null))),
    );
  });
  properties.forEach((property, index) => {
    const partition = namedNode(`${access.dataset}-property-${index + 1}`);
    quads.push(
      quad(dataset, VOID.propertyPartition, partition),
      quad(partition, VOID.property, property as NamedNode),
      quad(partition, VOID.triples, count(store.countQuads(null, property, null, null))),
    );
  });
  return quads;
}

/** The namespaces among the prefixes that some class or property of the graph lives in. */
function vocabulariesUsed(terms: readonly Term[], prefixes: Readonly<Record<string, string>>): string[] {
  const namespaces = Object.values(prefixes);
  const used = new Set<string>();
  for (const term of terms) {
    const namespace = namespaces.filter((candidate) => term.value.startsWith(candidate)).sort((a, b) => b.length - a.length)[0];
    if (namespace) used.add(namespace);
  }
  return [...used].sort();
}

/** The catalogue, its first dataset and the first person: what a newcomer would look up first. */
function exampleResources(store: Store, root: string): NamedNode[] {
  const first = (type: NamedNode) => sortTerms(store.getSubjects(RDF.type, type, null).filter((subject) => subject.termType === 'NamedNode'))[0] as NamedNode | undefined;
  return [namedNode(root), first(DCAT.Dataset), first(FOAF.Person)].filter((node): node is NamedNode => node !== undefined && store.countQuads(node, null, null, null) > 0);
}

function sortTerms<T extends Term>(terms: readonly T[]): T[] {
  return [...terms].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
