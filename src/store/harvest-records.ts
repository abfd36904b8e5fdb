import { DataFactory, type Store } from 'n3';
import type { Literal, NamedNode, Term } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { BIBO, DCAT, DCT, FOAF, PROV, RDF, SCHEMA, SKOS } from '../graph/namespaces.js';
import { labelsOf } from './describe-resource.js';

const { namedNode } = DataFactory;

/** A person or organisation named in a record. */
export interface HarvestAgent {
  readonly iri: string;
  /** Its names (an organisation's may have several languages). */
  readonly names: readonly Literal[];
  /** A foaf:Person, rather than an organisation. */
  readonly person: boolean;
  /** The organisations a person is affiliated with. */
  readonly affiliations: readonly HarvestAgent[];
}

/** A kind of output: an OAI-PMH set. */
export interface HarvestKind {
  readonly iri: string;
  /** Its data key, the set's setSpec. */
  readonly key: string;
  readonly labels: readonly Literal[];
  readonly definitions: readonly Literal[];
  /** The DataCite resourceTypeGeneral its outputs get, as vocab/output-kinds.ttl says. */
  readonly dataciteResourceType?: string;
}

/** Something the record links to, with its names. */
export interface HarvestLink {
  readonly iri: string;
  readonly labels: readonly Literal[];
}

/** An agent credited on an output in a role other than author or funder. */
export interface HarvestContribution {
  readonly agent: HarvestAgent;
  /** The role's DataCite contributorType, as vocab/roles.ttl says; absent for roles DataCite states otherwise. */
  readonly dataciteContributorType?: string;
}

/** What a harvest record of an output holds, every value read from the graph. */
export interface HarvestRecord {
  readonly iri: string;
  readonly kind?: HarvestKind;
  readonly titles: readonly Literal[];
  readonly descriptions: readonly Literal[];
  readonly keywords: readonly Literal[];
  /** The authors, in the order the source credits them (bibo:authorList). */
  readonly creators: readonly HarvestAgent[];
  readonly publisher?: HarvestAgent;
  /** Everyone the graph states with dct:contributor (advisors, assistants, thanked organisations, the lead, funders). */
  readonly contributors: readonly HarvestAgent[];
  /** The credits in roles with a DataCite contributor type, one per agent and role. */
  readonly contributions: readonly HarvestContribution[];
  readonly funders: readonly HarvestAgent[];
  readonly issued?: Literal;
  readonly modified?: Literal;
  /** The DOI name (10.…/…), without resolver. */
  readonly doi?: string;
  readonly license?: string;
  /** Language codes (schema:inLanguage). */
  readonly languages: readonly string[];
  readonly landingPages: readonly string[];
  /** Names of the file formats of its distributions. */
  readonly formats: readonly Literal[];
  readonly version?: string;
  readonly hasVersion: readonly string[];
  readonly isVersionOf: readonly string[];
  readonly isPartOf: readonly HarvestLink[];
  readonly spatial: readonly HarvestLink[];
  readonly subjects: readonly HarvestLink[];
  /** The DCMI Type term (dct:type). */
  readonly dcmiType?: string;
}

/** The header of a record: enough to list, filter and page without building the record. */
export interface HarvestHeader {
  readonly iri: string;
  readonly datestamp: Date;
  /** The key of its kind, its set; undefined when the graph names none. */
  readonly kind?: string;
}

/**
 * The catalogue's outputs that have a harvest datestamp, in IRI order (so in
 * the order of their OAI identifiers, stable across builds). An output whose
 * catalogue record the build could not date (its lines not committed, or no
 * git history) has no datestamp and is left out rather than dated by the
 * build: a made-up datestamp would break incremental harvests.
 */
export function harvestHeaders(store: Store, iris: IriScheme): readonly HarvestHeader[] {
  let headers = memo.get(store);
  if (!headers) {
    headers = computeHeaders(store, iris);
    memo.set(store, headers);
  }
  return headers;
}

// The graph never changes once loaded; a new build is a new store.
const memo = new WeakMap<Store, readonly HarvestHeader[]>();

function computeHeaders(store: Store, iris: IriScheme): HarvestHeader[] {
  const catalog = iris.catalog.value;
  const outputKind = namedNode(`${iris.ontology}outputKind`);
  const dataKey = namedNode(`${iris.ontology}dataKey`);
  const headers: HarvestHeader[] = [];
  for (const dataset of store.getObjects(catalog, DCAT.dataset, null)) {
    if (dataset.termType !== 'NamedNode') continue;
    const datestamp = recordDatestamp(store, catalog, dataset.value);
    if (!datestamp) continue;
    const kind = store.getObjects(dataset, outputKind, null)[0];
    const key = kind ? literalValue(store.getObjects(kind, dataKey, null)[0]) : undefined;
    headers.push({ iri: dataset.value, datestamp, kind: key });
  }
  return headers.sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
}

/** The dct:modified of the catalogue record whose primary topic is `dataset`, as the build dated it from the history of data/. */
function recordDatestamp(store: Store, catalog: string, dataset: string): Date | undefined {
  for (const record of store.getObjects(catalog, DCAT.record, null)) {
    if (store.countQuads(record, FOAF.primaryTopic, dataset, null) === 0) continue;
    for (const modified of store.getObjects(record, DCT.modified, null)) {
      // The build writes commit times as xsd:dateTime in UTC (2020-01-02T03:04:05Z).
      const time = modified.termType === 'Literal' ? Date.parse(modified.value) : Number.NaN;
      if (!Number.isNaN(time)) return new Date(time);
    }
  }
  return undefined;
}

/** The kinds of output (the concepts of the scheme that serves `output-kind` keys), in key order. */
export function harvestKinds(store: Store, iris: IriScheme): HarvestKind[] {
  const dataField = namedNode(`${iris.ontology}dataField`);
  const kinds: HarvestKind[] = [];
  for (const scheme of store.getSubjects(dataField, DataFactory.literal('output-kind'), null)) {
    for (const concept of store.getSubjects(SKOS.inScheme, scheme, null)) {
      const kind = kindOf(store, iris, concept);
      if (kind) kinds.push(kind);
    }
  }
  return kinds.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function kindOf(store: Store, iris: IriScheme, concept: Term): HarvestKind | undefined {
  const key = literalValue(store.getObjects(concept, namedNode(`${iris.ontology}dataKey`), null)[0]);
  if (concept.termType !== 'NamedNode' || key === undefined) return undefined;
  return {
    iri: concept.value,
    key,
    labels: literals(store, concept, SKOS.prefLabel),
    definitions: literals(store, concept, SKOS.definition),
    dataciteResourceType: literalValue(store.getObjects(concept, namedNode(`${iris.ontology}dataciteResourceType`), null)[0]),
  };
}

/** The harvest record of an output (a dataset of the catalogue); undefined for anything else. */
export function harvestRecord(store: Store, iris: IriScheme, iri: string): HarvestRecord | undefined {
  const output = namedNode(iri);
  if (store.countQuads(iris.catalog, DCAT.dataset, output, null) === 0) return undefined;
  const objects = (predicate: NamedNode) => store.getObjects(output, predicate, null);
  const iriValues = (predicate: NamedNode) => objects(predicate).filter((term) => term.termType === 'NamedNode').map((term) => term.value).sort();
  const agents = new Map<string, HarvestAgent>();
  const agent = (node: Term) => agentOf(store, node, agents);
  const link = (node: Term): HarvestLink => ({ iri: node.value, labels: labelsOf(store, node) });
  const kindNode = objects(namedNode(`${iris.ontology}outputKind`))[0];
  const publisher = objects(DCT.publisher)[0];
  const doi = literalValue(objects(BIBO.doi)[0]);
  const formats = new Map<string, Literal[]>();
  for (const distribution of objects(DCAT.distribution)) {
    for (const format of store.getObjects(distribution, DCT.format, null)) formats.set(format.value, labelsOf(store, format).slice(0, 1));
  }
  return {
    iri,
    kind: kindNode ? kindOf(store, iris, kindNode) : undefined,
    titles: literals(store, output, DCT.title),
    descriptions: literals(store, output, DCT.description),
    keywords: literals(store, output, DCAT.keyword),
    creators: sequenceItems(store, objects(BIBO.authorList)[0]).map(agent),
    publisher: publisher ? agent(publisher) : undefined,
    contributors: byIri(objects(DCT.contributor)).map(agent),
    contributions: contributionsOf(store, iris, output, agent),
    funders: byIri(objects(SCHEMA.funder)).map(agent),
    issued: firstLiteral(objects(DCT.issued)),
    modified: firstLiteral(objects(DCT.modified)),
    doi,
    license: iriValues(DCT.license)[0],
    languages: objects(SCHEMA.inLanguage).filter((term) => term.termType === 'Literal').map((term) => term.value).sort(),
    landingPages: iriValues(DCAT.landingPage),
    formats: [...formats.keys()].sort().flatMap((format) => formats.get(format)!),
    version: literalValue(objects(DCAT.version)[0]),
    hasVersion: iriValues(DCAT.hasVersion),
    isVersionOf: iriValues(DCAT.isVersionOf),
    isPartOf: byIri(objects(DCT.isPartOf)).map(link),
    spatial: byIri(objects(DCT.spatial)).map(link),
    subjects: byIri(objects(DCT.subject)).map(link),
    dcmiType: objects(DCT.type).find((term) => term.termType === 'NamedNode')?.value,
  };
}

/** The qualified attributions of roles that have a DataCite contributor type, in agent and role order. */
function contributionsOf(store: Store, iris: IriScheme, output: NamedNode, agent: (node: Term) => HarvestAgent): HarvestContribution[] {
  const contributorType = namedNode(`${iris.ontology}dataciteContributorType`);
  const found: { agent: Term; role: string; type: string }[] = [];
  for (const attribution of store.getObjects(output, PROV.qualifiedAttribution, null)) {
    const who = store.getObjects(attribution, PROV.agent, null)[0];
    const role = store.getObjects(attribution, DCAT.hadRole, null)[0];
    const type = role ? literalValue(store.getObjects(role, contributorType, null)[0]) : undefined;
    if (who && role && type) found.push({ agent: who, role: role.value, type });
  }
  found.sort((a, b) => compare(a.agent.value, b.agent.value) || compare(a.role, b.role));
  return found.map((credit) => ({ agent: agent(credit.agent), dataciteContributorType: credit.type }));
}

function agentOf(store: Store, node: Term, known: Map<string, HarvestAgent>, depth = 0): HarvestAgent {
  const existing = known.get(node.value);
  if (existing) return existing;
  const person = store.countQuads(node, RDF.type, FOAF.Person, null) > 0;
  // Affiliations are organisations, named but not followed further.
  const affiliations = person && depth === 0 ? byIri(store.getObjects(node, SCHEMA.affiliation, null)).map((organisation) => agentOf(store, organisation, new Map(), 1)) : [];
  const names = [...literals(store, node, FOAF.name), ...literals(store, node, SCHEMA.name)];
  const agent: HarvestAgent = { iri: node.value, names: distinctLiterals(names), person, affiliations };
  if (depth === 0) known.set(node.value, agent);
  return agent;
}

/** The members of an rdf:Seq (`rdf:_1`, `rdf:_2`…), in order, up to the first missing number. */
function sequenceItems(store: Store, sequence: Term | undefined): Term[] {
  const items: Term[] = [];
  for (let index = 1; sequence; index += 1) {
    const item = store.getObjects(sequence, namedNode(`${RDF.iri}_${index}`), null)[0];
    if (!item) break;
    items.push(item);
  }
  return items;
}

function literals(store: Store, subject: Term, predicate: NamedNode): Literal[] {
  const found = store.getObjects(subject, predicate, null).filter((term) => term.termType === 'Literal') as Literal[];
  // Untagged and English first, then by language tag: the order of the elements in every format.
  return found.sort((a, b) => languageRank(a) - languageRank(b) || compare(a.language, b.language) || compare(a.value, b.value));
}

function distinctLiterals(found: readonly Literal[]): Literal[] {
  const seen = new Set<string>();
  return found.filter((literal) => {
    const key = `${literal.language}\u0000${literal.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function languageRank(literal: Literal): number {
  return literal.language === '' ? 0 : literal.language === 'en' ? 1 : 2;
}

function firstLiteral(terms: readonly Term[]): Literal | undefined {
  return terms.find((term): term is Literal => term.termType === 'Literal');
}

function literalValue(term: Term | undefined): string | undefined {
  return term?.termType === 'Literal' ? term.value : undefined;
}

function byIri(terms: readonly Term[]): Term[] {
  return terms.filter((term) => term.termType === 'NamedNode').sort((a, b) => compare(a.value, b.value));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
