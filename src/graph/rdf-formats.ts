import jsonld from 'jsonld';
import { JsonLdSerializer } from 'jsonld-streaming-serializer';
import { Writer } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { RDF } from './namespaces.js';
import { rdfXmlChunks } from './rdf-xml-writer.js';

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
  /** The quads are already in sortQuads order: a build sorts a large graph once for every dump. */
  readonly sorted?: boolean;
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
  /** The same text as serialize, in pieces of about `QUADS_PER_CHUNK` quads, so a large dump can be streamed to disk. */
  chunks(quads: readonly Quad[], options: SerializeOptions): AsyncIterable<string>;
}

/** How many quads each piece yielded by `RdfFormat.chunks` covers (JSON-LD is one piece). */
export const QUADS_PER_CHUNK = 20_000;

/** The one table of RDF formats, used by the build, the server and the tests. */
export const RDF_FORMATS: readonly RdfFormat[] = [
  rdfFormat({ name: 'turtle', mediaType: 'text/turtle', extension: 'ttl', label: 'Turtle' }, (quads, options) => writeWithN3(quads, 'Turtle', options)),
  rdfFormat({ name: 'jsonld', mediaType: 'application/ld+json', extension: 'jsonld', label: 'JSON-LD' }, writeJsonLd),
  rdfFormat({ name: 'ntriples', mediaType: 'application/n-triples', extension: 'nt', label: 'N-Triples', legacyMediaTypes: ['text/plain'] }, (quads, options) => writeWithN3(quads, 'N-Triples', options, false)),
  rdfFormat({ name: 'rdfxml', mediaType: 'application/rdf+xml', extension: 'rdf', label: 'RDF/XML' }, (quads, options) => rdfXmlChunks(ordered(quads, options), options.prefixes, QUADS_PER_CHUNK)),
  rdfFormat({ name: 'nquads', mediaType: 'application/n-quads', extension: 'nq', label: 'N-Quads' }, (quads, options) => writeWithN3(quads, 'N-Quads', options, false)),
  rdfFormat({ name: 'trig', mediaType: 'application/trig', extension: 'trig', label: 'TriG' }, (quads, options) => writeWithN3(quads, 'TriG', options)),
];

function rdfFormat(
  description: Omit<RdfFormat, 'serialize' | 'chunks'>,
  chunks: (quads: readonly Quad[], options: SerializeOptions) => AsyncIterable<string> | Iterable<string>,
): RdfFormat {
  return {
    ...description,
    chunks: async function* (quads, options) {
      yield* chunks(quads, options);
    },
    serialize: async (quads, options) => {
      const pieces: string[] = [];
      for await (const piece of chunks(quads, options)) pieces.push(piece);
      return pieces.join('');
    },
  };
}

/** The format with this extension (without the dot), if any. */
export function rdfFormatByExtension(extension: string): RdfFormat | undefined {
  return RDF_FORMATS.find((format) => format.extension === extension);
}

/** The format with this media type, if any. */
export function rdfFormatByMediaType(mediaType: string): RdfFormat | undefined {
  return RDF_FORMATS.find((format) => format.mediaType === mediaType);
}

/** A quad with the keys it is ordered by (see sortQuads), computed once. */
export interface KeyedQuad {
  readonly quad: Quad;
  readonly graph: string;
  readonly subject: string;
  readonly type: number;
  readonly predicate: string;
  readonly object: string;
}

/** The keys sortQuads orders a quad by. */
export function keyedQuad(quad: Quad): KeyedQuad {
  return {
    quad,
    graph: termKey(quad.graph),
    subject: termKey(quad.subject),
    type: Number(quad.predicate.equals(RDF.type)),
    predicate: termKey(quad.predicate),
    object: termKey(quad.object),
  };
}

/** The order of sortQuads on keyed quads: negative, zero (the same quad) or positive. */
export function compareKeyedQuads(a: KeyedQuad, b: KeyedQuad): number {
  return (
    compareKeys(a.graph, b.graph) ||
    compareKeys(a.subject, b.subject) ||
    b.type - a.type ||
    compareKeys(a.predicate, b.predicate) ||
    compareKeys(a.object, b.object)
  );
}

/** A total order on quads (rdf:type first within a subject) so every dump is byte-identical across builds. */
export function sortQuads(quads: readonly Quad[]): Quad[] {
  // Each term's key is computed once per quad rather than once per comparison:
  // the sort of a 760 000-triple graph spent most of its time building keys.
  const keyed = quads.map(keyedQuad);
  keyed.sort(compareKeyedQuads);
  return keyed.map((entry) => entry.quad);
}

function ordered(quads: readonly Quad[], options: SerializeOptions): readonly Quad[] {
  return options.sorted ? quads : sortQuads(quads);
}

function termKey(term: Term): string {
  if (term.termType === 'Literal') return `${term.value}\u0000${term.language}\u0000${term.datatype.value}`;
  return `${term.termType}\u0000${term.value}`;
}

function compareKeys(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** N3's writer fed a slice of quads at a time; its state carries over, so the pieces join into the text it writes in one go. */
function* writeWithN3(quads: readonly Quad[], format: string, options: SerializeOptions, usePrefixes = true): Generator<string> {
  const writer = new N3ChunkWriter(format, usePrefixes ? options.prefixes : undefined);
  const all = ordered(quads, options);
  for (let start = 0; start < all.length; start += QUADS_PER_CHUNK) yield writer.write(all.slice(start, start + QUADS_PER_CHUNK));
  const rest = writer.end();
  if (rest || all.length === 0) yield rest;
}

/** N3's writer (Turtle, N-Triples…) fed slice by slice: each call returns the text of the quads given, which joins with the rest. */
export class N3ChunkWriter {
  private readonly pending: string[] = [];
  private readonly writer: Writer;

  constructor(format: string, prefixes?: Readonly<Record<string, string>>) {
    const sink = { write: (chunk: string) => this.pending.push(chunk), end: (done?: () => void) => done?.() };
    this.writer = new Writer(sink, { format, prefixes: prefixes ? { ...prefixes } : undefined });
  }

  /** The text for these quads (what the writer can tell so far). */
  write(quads: readonly Quad[]): string {
    this.writer.addQuads(quads as Quad[]);
    return this.pending.splice(0).join('');
  }

  /** The rest of the text. */
  end(): string {
    this.writer.end();
    return this.pending.splice(0).join('');
  }
}

/** Never fetch a remote context or document while serialising: the graph is self-contained. */
const refuseRemoteDocuments = async (url: string): Promise<never> => {
  throw new Error(`Refusing to load remote JSON-LD document ${url}`);
};

async function* writeJsonLd(quads: readonly Quad[], options: SerializeOptions): AsyncGenerator<string> {
  const loader = { documentLoader: refuseRemoteDocuments } as never;
  if ((options.jsonLdProfile ?? 'compacted') === 'compacted' && quads.length > QUADS_PER_CHUNK) {
    yield* writeCompactedJsonLdInSlices(ordered(quads, options), options.prefixes, QUADS_PER_CHUNK);
    return;
  }
  // jsonld.fromRDF grows faster than linearly (about a minute for 75 000
  // triples); the streaming serializer is linear, and expanding its output
  // gives the same expanded document.
  const expanded = (await jsonld.expand(JSON.parse(await writeStreamingJsonLd(ordered(quads, options))), loader)) as unknown as jsonld.JsonLdDocument;
  const context = { ...options.prefixes };
  const profile = options.jsonLdProfile ?? 'compacted';
  const document: unknown =
    profile === 'expanded' ? expanded
    : profile === 'flattened' ? await jsonld.flatten(expanded, context, loader)
    : await jsonld.compact(expanded, context, loader);
  const graph = Array.isArray(document) ? document : (document as Record<string, unknown>)['@graph'];
  if (Array.isArray(graph)) {
    // A collator compares as localeCompare(…, 'en') does, without building one per comparison.
    const collator = new Intl.Collator('en');
    graph.sort((a, b) => collator.compare(String(a['@id']), String(b['@id'])));
  }
  yield `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The compacted document of a large graph, the same text as compacting it
 * whole: compaction treats each node object on its own, so the graph is
 * expanded and compacted a slice of subjects at a time, and only each node's
 * text is kept (jsonld.js's objects for 760 000 triples took gigabytes).
 */
export async function* writeCompactedJsonLdInSlices(sorted: readonly Quad[], prefixes: Readonly<Record<string, string>>, quadsPerSlice: number): AsyncGenerator<string> {
  const nodes: CompactedNode[] = [];
  for (let start = 0; start < sorted.length; ) {
    // A slice ends where a subject ends, so no node is split between two slices.
    let end = Math.min(start + quadsPerSlice, sorted.length);
    while (end < sorted.length && sorted[end]!.subject.equals(sorted[end - 1]!.subject)) end += 1;
    for (const node of await compactJsonLdNodes(sorted.slice(start, end), prefixes)) nodes.push(node);
    start = end;
  }
  const collator = new Intl.Collator('en');
  nodes.sort((a, b) => collator.compare(a.id, b.id));
  yield compactedJsonLdHead(prefixes);
  for (let start = 0; start < nodes.length; start += 1000) {
    const last = start + 1000 >= nodes.length;
    yield `${nodes.slice(start, start + 1000).map((node) => node.text).join(',\n')}${last ? '\n' : ',\n'}`;
  }
  yield COMPACTED_JSON_LD_TAIL;
}

/** One node object of a compacted JSON-LD document: its `@id` (what the document is sorted by) and its indented text. */
export interface CompactedNode {
  readonly id: string;
  readonly text: string;
}

/** The start of the compacted JSON-LD document, up to the first node of "@graph". */
export function compactedJsonLdHead(prefixes: Readonly<Record<string, string>>): string {
  const head = JSON.stringify({ '@context': { ...prefixes } }, null, 2);
  return `${head.slice(0, head.length - 2)},\n  "@graph": [\n`;
}

/** The end of the compacted JSON-LD document, after the last node and its newline. */
export const COMPACTED_JSON_LD_TAIL = '  ]\n}\n';

/**
 * The compacted node objects of whole subjects (every triple of each of their
 * subjects), in no particular order: compaction treats each node on its own.
 */
export async function compactJsonLdNodes(quads: readonly Quad[], prefixes: Readonly<Record<string, string>>): Promise<CompactedNode[]> {
  const loader = { documentLoader: refuseRemoteDocuments } as never;
  const expanded = (await jsonld.expand(JSON.parse(await writeStreamingJsonLd(quads)), loader)) as unknown as jsonld.JsonLdDocument;
  const { '@context': _context, ...compacted } = (await jsonld.compact(expanded, { ...prefixes }, loader)) as unknown as Record<string, unknown>;
  const sliceNodes = Array.isArray(compacted['@graph']) ? (compacted['@graph'] as Record<string, unknown>[]) : Object.keys(compacted).length > 0 ? [compacted] : [];
  // Indented as JSON.stringify indents an element of "@graph" (two levels deep).
  return sliceNodes.map((node) => ({ id: String(node['@id']), text: `    ${JSON.stringify(node, null, 2).replace(/\n/g, '\n    ')}` }));
}

function writeStreamingJsonLd(quads: readonly Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const serializer = new JsonLdSerializer();
    const chunks: string[] = [];
    serializer.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
    serializer.on('error', reject);
    serializer.on('end', () => resolve(chunks.join('')));
    for (const quad of quads) serializer.write(quad);
    serializer.end();
  });
}

