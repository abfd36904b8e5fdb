import jsonld from 'jsonld';
import type { Quad } from '@rdfjs/types';
import { RDF, SCHEMA } from '../graph/namespaces.js';

/** Inline, so neither the server nor a reader has to fetch schema.org's remote context to read it. */
const SCHEMA_CONTEXT = { '@vocab': SCHEMA.iri };

/** The JSON-LD processor must never reach the network on a client's behalf. */
const refuseRemoteDocuments = async (url: string): Promise<never> => {
  throw new Error(`Refusing to load remote JSON-LD document ${url}`);
};

/**
 * The schema.org part of a description as one JSON-LD tree rooted at `iri`
 * (linked resources embedded with their names), for search engines; undefined
 * when the description says nothing in schema.org terms.
 */
export async function schemaOrgJsonLd(iri: string, quads: readonly Quad[]): Promise<Record<string, unknown> | undefined> {
  const isSchemaType = (quad: Quad) => quad.predicate.equals(RDF.type) && quad.object.value.startsWith(SCHEMA.iri);
  const schemaQuads = quads.filter((quad) => quad.predicate.value.startsWith(SCHEMA.iri) || isSchemaType(quad));
  // Search engines read the most specific type (Report, VideoObject…); the generic CreativeWork beside it only blurs that.
  const rootTypes = schemaQuads.filter((quad) => quad.subject.value === iri && isSchemaType(quad));
  if (rootTypes.length > 1) {
    const generic = rootTypes.find((quad) => quad.object.equals(SCHEMA.CreativeWork));
    if (generic) schemaQuads.splice(schemaQuads.indexOf(generic), 1);
  }
  if (!schemaQuads.some((quad) => quad.subject.value === iri)) return undefined;
  // jsonld.fromRDF takes the quads as they are (RDF/JS terms). Given N-Quads text instead, it
  // parsed them with rdf-canonize, which drops a duplicate by comparing each quad with every one
  // before it: the home page of 10 000 datasets spent 33 s there, blocking the server.
  const expanded = await jsonld.fromRDF(schemaQuads as never);
  const framed = await jsonld.frame(expanded, { '@context': SCHEMA_CONTEXT, '@id': iri } as never, {
    documentLoader: refuseRemoteDocuments,
    omitGraph: true,
  } as never);
  return framed as unknown as Record<string, unknown>;
}
