import LinkHeader from 'http-link-header';
import type { Quad } from '@rdfjs/types';
import { DCAT, DCT, RDF, SCHEMA } from '../graph/namespaces.js';

/** One typed link of a `Link` header (RFC 8288). */
export interface WebLink {
  readonly uri: string;
  readonly rel: string;
  readonly type?: string;
}

/** The `Link` header value for these links, formatted by http-link-header. */
export function formatLinkHeader(links: readonly WebLink[]): string {
  const header = new LinkHeader();
  for (const link of links) header.setUnique({ uri: link.uri, rel: link.rel, ...(link.type ? { type: link.type } : {}) });
  return header.toString();
}

/** The type that marks a page as being about something else (FAIR Signposting `type`). */
export const ABOUT_PAGE = 'https://schema.org/AboutPage';

/** Where IANA media type IRIs (dcat:mediaType) start. */
const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';

/**
 * FAIR Signposting links for a resource's description (https://signposting.org/FAIR/):
 * `cite-as` its IRI, `type` its classes, `author` its creators, `item` the
 * URLs of its distributions and `license` its licences — each only where the
 * graph states it.
 */
export function signpostingLinks(iri: string, own: readonly Quad[]): WebLink[] {
  const objects = (subject: string, ...predicates: { value: string }[]) =>
    own
      .filter((quad) => quad.subject.value === subject && predicates.some((predicate) => quad.predicate.value === predicate.value) && quad.object.termType === 'NamedNode')
      .map((quad) => quad.object.value);
  const links: WebLink[] = [{ uri: iri, rel: 'cite-as' }];
  for (const type of objects(iri, RDF.type)) links.push({ uri: type, rel: 'type' });
  links.push({ uri: ABOUT_PAGE, rel: 'type' });
  for (const author of objects(iri, SCHEMA.author, DCT.creator)) links.push({ uri: author, rel: 'author' });
  for (const distribution of objects(iri, DCAT.distribution)) {
    const mediaType = objects(distribution, DCAT.mediaType).find((value) => value.startsWith(IANA_MEDIA_TYPES))?.slice(IANA_MEDIA_TYPES.length);
    for (const url of objects(distribution, DCAT.downloadURL, DCAT.accessURL)) {
      links.push({ uri: url, rel: 'item', ...(mediaType ? { type: mediaType } : {}) });
    }
  }
  for (const licence of objects(iri, SCHEMA.license)) links.push({ uri: licence, rel: 'license' });
  return links;
}
