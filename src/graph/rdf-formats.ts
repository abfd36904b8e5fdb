import jsonld from 'jsonld';
import { JsonLdSerializer } from 'jsonld-streaming-serializer';
import { Writer } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { RDF } from './namespaces.js';
import { writeRdfXml } from './rdf-xml-writer.js';

/** The document forms of JSON-LD 1.1, each named by a `profile` media type parameter. */
export type JsonLdProfile = 'compacted' | 'expanded' | 'flattened';

/** The `profile` IRI of each JSON-LD document form (JSON-LD 1.1, IANA considerations). */
export const JSON_LD_PROFILES: Readonly<Record<JsonLdProfile, string>> = {
  compacted: 'http://www.w3.org/ns/json-ld#compacted',
  expanded: 'http://www.w3.org/ns/json-ld#expanded',
  flattened: 'http://www.w3.org/ns/json-ld#flattened',
};

/** What a serializer needs besides the triples. */
export interface SerializeOptions {
  /** Prefix → namespace IRI, used by Turtle, TriG, RDF/XML and as the JSON-LD context. */
  readonly prefixes: Readonly<Record<string, string>>;
  /** The JSON-LD document form; compacted with the prefixes unless asked otherwise. */
  readonly jsonLdProfile?: JsonLdProfile;
}

/** One RDF serialisation this publisher offers. */
export interface RdfFormat {
  /** Short name, also the value of a `?format=` override. */
  readonly name: string;
  readonly mediaType: string;
  /** File extension without the dot, for dumps and extension URLs. */
  readonly extension: string;
  readonly label: string;
  /** Older media types some clients still ask for (rdflib 6 asks for N-Triples as text/plain). */
  readonly legacyMediaTypes?: readonly string[];
  /** Serialises the quads; the output is deterministic for the same set of quads. */
  serialize(quads: readonly Quad[], options: SerializeOptions): Promise<string>;
}

/** The one table of RDF formats, used by the build, the server and the tests. */
export const RDF_FORMATS: readonly RdfFormat[] = [
  { name: 'turtle', mediaType: 'text/turtle', extension: 'ttl', label: 'Turtle', serialize: (quads, options) => writeWithN3(quads, 'Turtle', options) },
  { name: 'jsonld', mediaType: 'application/ld+json', extension: 'jsonld', label: 'JSON-LD', serialize: writeJsonLd },
  { name: 'ntriples', mediaType: 'application/n-triples', extension: 'nt', label: 'N-Triples', legacyMediaTypes: ['text/plain'], serialize: (quads) => writeWithN3(quads, 'N-Triples') },
  { name: 'rdfxml', mediaType: 'application/rdf+xml', extension: 'rdf', label: 'RDF/XML', serialize: async (quads, options) => writeRdfXml(sortQuads(quads), options.prefixes) },
  { name: 'nquads', mediaType: 'application/n-quads', extension: 'nq', label: 'N-Quads', serialize: (quads) => writeWithN3(quads, 'N-Quads') },
  { name: 'trig', mediaType: 'application/trig', extension: 'trig', label: 'TriG', serialize: (quads, options) => writeWithN3(quads, 'TriG', options) },
];

/** The format with this extension (without the dot), if any. */
export function rdfFormatByExtension(extension: string): RdfFormat | undefined {
  return RDF_FORMATS.find((format) => format.extension === extension);
}

/** The format with this media type, if any. */
export function rdfFormatByMediaType(mediaType: string): RdfFormat | undefined {
  return RDF_FORMATS.find((format) => format.mediaType === mediaType);
}

/** A total order on quads (rdf:type first within a subject) so every dump is byte-identical across builds. */
export function sortQuads(quads: readonly Quad[]): Quad[] {
  return [...quads].sort(
    (a, b) =>
      compareTerms(a.graph, b.graph) ||
      compareTerms(a.subject, b.subject) ||
      Number(b.predicate.equals(RDF.type)) - Number(a.predicate.equals(RDF.type)) ||
      compareTerms(a.predicate, b.predicate) ||
      compareTerms(a.object, b.object),
  );
}

function termKey(term: Term): string {
  if (term.termType === 'Literal') return `${term.value}\u0000${term.language}\u0000${term.datatype.value}`;
  return `${term.termType}\u0000${term.value}`;
}

function compareTerms(a: Term, b: Term): number {
  const left = termKey(a);
  const right = termKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function writeWithN3(quads: readonly Quad[], format: string, options?: SerializeOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format, prefixes: options ? { ...options.prefixes } : undefined });
    writer.addQuads(sortQuads(quads));
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}

/** Never fetch a remote context or document while serialising: the graph is self-contained. */
const refuseRemoteDocuments = async (url: string): Promise<never> => {
  throw new Error(`Refusing to load remote JSON-LD document ${url}`);
};

async function writeJsonLd(quads: readonly Quad[], options: SerializeOptions): Promise<string> {
  const loader = { documentLoader: refuseRemoteDocuments } as never;
  // jsonld.fromRDF grows faster than linearly (about a minute for 75 000
  // triples); the streaming serializer is linear, and expanding its output
  // gives the same expanded document.
  const expanded = (await jsonld.expand(JSON.parse(await writeStreamingJsonLd(quads)), loader)) as unknown as jsonld.JsonLdDocument;
  const context = { ...options.prefixes };
  const profile = options.jsonLdProfile ?? 'compacted';
  const document: unknown =
    profile === 'expanded' ? expanded
    : profile === 'flattened' ? await jsonld.flatten(expanded, context, loader)
    : await jsonld.compact(expanded, context, loader);
  const graph = Array.isArray(document) ? document : (document as Record<string, unknown>)['@graph'];
  if (Array.isArray(graph)) {
    graph.sort((a, b) => String(a['@id']).localeCompare(String(b['@id']), 'en'));
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}

function writeStreamingJsonLd(quads: readonly Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const serializer = new JsonLdSerializer();
    const chunks: string[] = [];
    serializer.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
    serializer.on('error', reject);
    serializer.on('end', () => resolve(chunks.join('')));
    for (const quad of sortQuads(quads)) serializer.write(quad);
    serializer.end();
  });
}

