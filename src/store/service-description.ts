import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { BuildManifest } from '../build/build-dist.js';
import { DCAT, DCT, RDF, RDFS, SD, VOID, XSD } from '../graph/namespaces.js';
import { RDF_FORMATS } from '../graph/rdf-formats.js';
import { RESULT_FORMATS } from './result-formats.js';
import { oaiPmhService, type OaiPmhAccess, type VoidFigures } from './void-description.js';

// The figures are computed where the full VoID description is; re-exported for the SPARQL endpoint.
export { voidFigures, type VoidFigures } from './void-description.js';

const { namedNode, literal, quad } = DataFactory;

/** The RDF formats CONSTRUCT and DESCRIBE results are offered in (the W3C formats IRIs of the RDF table's entries). */
const FORMAT_IRIS: Readonly<Record<string, string>> = {
  'text/turtle': 'Turtle',
  'application/n-triples': 'N-Triples',
  'application/ld+json': 'JSON-LD',
  'application/rdf+xml': 'RDF_XML',
  'application/n-quads': 'N-Quads',
  'application/trig': 'TriG',
};

/**
 * The SPARQL 1.1 Service Description of the endpoint: what it speaks, the formats
 * it writes, and its default dataset with the VoID figures of the build and,
 * when the server has one, the OAI-PMH repository that also serves it.
 */
export function serviceDescription(endpointIri: string, manifest: BuildManifest, figures?: VoidFigures, namedGraphs: readonly string[] = [], oaiPmh?: OaiPmhAccess): Quad[] {
  // IRIs under the endpoint rather than blank nodes: nested blank nodes come out of rdflib's RDF/XML writer wrong.
  const service = namedNode(`${endpointIri}#service`);
  const dataset = namedNode(`${endpointIri}#dataset`);
  const defaultGraph = namedNode(`${endpointIri}#default-graph`);
  const endpoint = namedNode(endpointIri);
  const quads: Quad[] = [
    quad(service, RDF.type, SD.Service),
    quad(service, SD.endpoint, endpoint),
    quad(service, SD.supportedLanguage, SD.SPARQL11Query),
    quad(service, SD.defaultEntailmentRegime, namedNode('http://www.w3.org/ns/entailment/Simple')),
    quad(service, SD.defaultDataset, dataset),
    quad(dataset, RDF.type, SD.Dataset),
    quad(dataset, SD.defaultGraph, defaultGraph),
    quad(defaultGraph, RDF.type, SD.Graph),
    quad(defaultGraph, RDF.type, VOID.Dataset),
    quad(defaultGraph, VOID.triples, literal(String(manifest.tripleCount), XSD.integer)),
    quad(defaultGraph, VOID.sparqlEndpoint, endpoint),
    quad(defaultGraph, VOID.uriSpace, literal(manifest.baseUrl)),
    quad(defaultGraph, DCT.modified, literal(manifest.builtAt, XSD.dateTime)),
  ];
  if (figures) {
    quads.push(
      quad(defaultGraph, VOID.distinctSubjects, literal(String(figures.distinctSubjects), XSD.integer)),
      quad(defaultGraph, VOID.properties, literal(String(figures.properties), XSD.integer)),
      quad(defaultGraph, VOID.classes, literal(String(figures.classes), XSD.integer)),
    );
  }
  for (const [index, graph] of namedGraphs.entries()) {
    const named = namedNode(`${endpointIri}#named-graph-${index + 1}`);
    quads.push(quad(dataset, SD.namedGraph, named), quad(named, RDF.type, SD.NamedGraph), quad(named, SD.name, namedNode(graph)));
  }
  if (oaiPmh) quads.push(...oaiPmhService(oaiPmh, defaultGraph.value));
  for (const format of RESULT_FORMATS) quads.push(quad(service, SD.resultFormat, namedNode(format.formatIri)));
  for (const format of RDF_FORMATS) {
    const name = FORMAT_IRIS[format.mediaType];
    if (name) quads.push(quad(service, SD.resultFormat, namedNode(`http://www.w3.org/ns/formats/${name}`)));
  }
  return quads;
}

/** What the service description says of one release. */
export interface DescribedRelease {
  readonly id: string;
  readonly datetime: Date;
  readonly tripleCount: number;
}

/**
 * How a query reaches a past release, as a service description feature (SPARQL
 * 1.1 Service Description has no term for a protocol parameter of one service):
 * the `release` parameter, where its values are listed, and each release as a
 * version of the default graph with its id, date and size.
 */
export function releaseParameterDescription(endpointIri: string, releasesUrl: string, releases: readonly DescribedRelease[]): Quad[] {
  const service = namedNode(`${endpointIri}#service`);
  const feature = namedNode(`${endpointIri}#release-parameter`);
  const defaultGraph = namedNode(`${endpointIri}#default-graph`);
  const quads: Quad[] = [
    quad(service, SD.feature, feature),
    quad(feature, RDF.type, SD.Feature),
    quad(feature, RDFS.label, literal('release parameter', 'en')),
    quad(feature, RDFS.comment, literal(`Add release=ID to a query request (GET parameter or form field) to run the query against the graph as it was published in that release instead of the current one. ID is a release id (YYYYMMDDhhmmss, UTC), as listed at ${releasesUrl} and below.`, 'en')),
    quad(feature, RDFS.seeAlso, namedNode(releasesUrl)),
  ];
  for (const release of releases) {
    const node = namedNode(`${endpointIri}#release-${release.id}`);
    quads.push(
      quad(defaultGraph, DCAT.hasVersion, node),
      quad(node, RDF.type, SD.Graph),
      quad(node, RDF.type, VOID.Dataset),
      quad(node, DCT.identifier, literal(release.id)),
      quad(node, DCT.issued, literal(release.datetime.toISOString(), XSD.dateTime)),
      quad(node, VOID.triples, literal(String(release.tripleCount), XSD.integer)),
      quad(node, VOID.sparqlEndpoint, namedNode(`${endpointIri}?release=${release.id}`)),
    );
  }
  return quads;
}
