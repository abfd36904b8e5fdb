import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';

/** A vocabulary namespace whose terms are typed, so a misspelt term does not compile. */
export type Namespace<Term extends string> = { readonly [T in Term]: NamedNode } & {
  readonly iri: string;
};

/** Declares the terms of a namespace this project uses. */
export function namespace<const Term extends string>(iri: string, terms: readonly Term[]): Namespace<Term> {
  const named = Object.fromEntries(terms.map((term) => [term, DataFactory.namedNode(iri + term)]));
  return Object.freeze({ ...named, iri }) as Namespace<Term>;
}

export const RDF = namespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#', ['type', 'Seq']);
export const RDFS = namespace('http://www.w3.org/2000/01/rdf-schema#', ['label', 'comment', 'seeAlso']);
export const XSD = namespace('http://www.w3.org/2001/XMLSchema#', ['date', 'gYear', 'gYearMonth', 'dateTime', 'integer']);

/** The Bibliographic Ontology, for what citations need that DCAT and schema.org have no term for: the order of authors, a DOI. */
export const BIBO = namespace('http://purl.org/ontology/bibo/', ['authorList', 'doi']);

export const DCAT = namespace('http://www.w3.org/ns/dcat#', [
  'Catalog', 'CatalogRecord', 'Dataset', 'Distribution', 'dataset', 'record', 'distribution',
  'accessURL', 'downloadURL', 'mediaType', 'landingPage', 'keyword', 'theme', 'themeTaxonomy',
  'hadRole', 'hasVersion', 'isVersionOf', 'version', 'DataService', 'endpointURL', 'endpointDescription',
  'servesDataset',
]);

export const DCT = namespace('http://purl.org/dc/terms/', [
  'title', 'description', 'creator', 'contributor', 'publisher', 'issued', 'modified', 'date',
  'language', 'spatial', 'isPartOf', 'hasPart', 'type', 'format', 'identifier', 'subject',
  'audience', 'conformsTo', 'relation', 'license', 'LicenseDocument', 'Location', 'LinguisticSystem', 'MediaTypeOrExtent',
]);

export const FOAF = namespace('http://xmlns.com/foaf/0.1/', [
  'Agent', 'Person', 'Organization', 'Project', 'Document', 'Image', 'name', 'homepage', 'page',
  'depiction', 'member', 'fundedBy', 'primaryTopic', 'familyName', 'givenName',
]);

export const PROV = namespace('http://www.w3.org/ns/prov#', [
  'Activity', 'Entity', 'Agent', 'Attribution', 'Association', 'qualifiedAttribution',
  'qualifiedAssociation', 'agent', 'hadRole', 'wasAssociatedWith', 'wasGeneratedBy', 'wasDerivedFrom',
]);

export const SKOS = namespace('http://www.w3.org/2004/02/skos/core#', ['prefLabel', 'inScheme', 'definition']);

export const SCHEMA = namespace('http://schema.org/', [
  'CreativeWork', 'DataCatalog', 'Person', 'Organization', 'ResearchProject', 'FundingScheme',
  'Grant', 'ImageObject', 'WebPage', 'name', 'alternateName', 'description', 'url', 'image',
  'author', 'contributor', 'funder', 'funding', 'fundedItem', 'affiliation', 'isPartOf',
  'hasPart', 'publisher', 'keywords', 'inLanguage', 'about', 'audience', 'version',
  'workExample', 'exampleOfWork', 'honorificPrefix', 'honorificSuffix', 'jobTitle',
  'parentOrganization', 'subOrganization', 'contentUrl', 'datePublished', 'dateModified',
  'spatialCoverage', 'license', 'identifier', 'familyName', 'givenName', 'Report',
]);

export const SD = namespace('http://www.w3.org/ns/sparql-service-description#', [
  'Service', 'Dataset', 'Graph', 'NamedGraph', 'endpoint', 'supportedLanguage', 'SPARQL11Query',
  'resultFormat', 'defaultDataset', 'defaultGraph', 'namedGraph', 'name',
  'defaultEntailmentRegime', 'feature', 'Feature',
]);

export const VOID = namespace('http://rdfs.org/ns/void#', [
  'Dataset', 'triples', 'entities', 'distinctSubjects', 'distinctObjects', 'properties',
  'classes', 'sparqlEndpoint', 'dataDump', 'uriSpace', 'vocabulary', 'exampleResource',
  'rootResource', 'classPartition', 'propertyPartition', 'class', 'property',
]);

export const HYDRA = namespace('http://www.w3.org/ns/hydra/core#', [
  'Collection', 'PartialCollectionView', 'PagedCollection', 'view', 'first', 'next', 'last',
  'totalItems', 'itemsPerPage',
]);

/** Activity Streams 2.0: the kind of change each member of the change stream is (DCAT-AP Feeds). */
export const AS = namespace('https://www.w3.org/ns/activitystreams#', ['Create', 'Update', 'Remove', 'object', 'published', 'url']);

/** Linked Data Event Streams 1.0. */
export const LDES = namespace('https://w3id.org/ldes#', ['EventStream', 'timestampPath', 'versionOfPath']);

/** TREE hypermedia: the pages of the change stream and the relations between them. */
export const TREE = namespace('https://w3id.org/tree#', [
  'Node', 'ViewDescription', 'LessThanOrEqualToRelation', 'member', 'view', 'viewDescription', 'relation',
  'node', 'path', 'value', 'remainingItems',
]);

/** The prefixes used in every serialisation, from vocab/context.jsonld plus the project's own. */
export function graphPrefixes(staticPrefixes: Readonly<Record<string, string>>, ontologyIri: string): Record<string, string> {
  return { ...staticPrefixes, oscg: ontologyIri };
}
