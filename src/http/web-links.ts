import type { Quad } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { BIBO, DCAT, DCT, RDF, SCHEMA } from '../graph/namespaces.js';
import { distinctRepresentations, type Representation } from './representations.js';

/** One typed link (RFC 8288): its target, relation type and target attributes. */
export interface WebLink {
  readonly uri: string;
  readonly rel: string;
  readonly type?: string;
  /** The profile (RFC 6906) the target follows, e.g. the metadata standard of a description. */
  readonly profile?: string;
}

/** Links that share one context (RFC 8288 §3.2 `anchor`; a link context object of RFC 9264 §4.2.2). */
export interface LinkContext {
  readonly anchor: string;
  readonly links: readonly WebLink[];
}

/**
 * One link as RFC 8288 §3 writes it, with `anchor` when the context is not the
 * response's own URL. Hand-written rather than http-link-header's: that library
 * percent-encodes the value of any attribute it does not know (`profile`)
 * instead of quoting it, and reads such a value back still encoded. Values
 * that are tokens stay bare and the rest become quoted-strings, as that
 * library writes them; IRIs are mapped to URIs (RFC 3987 §3.1), since a
 * header and an `application/linkset` document are ASCII (RFC 9264 §4.1).
 */
export function formatLink(link: WebLink, anchor?: string): string {
  const attributes: [string, string | undefined][] = [['rel', link.rel], ['anchor', anchor === undefined ? undefined : asUri(anchor)], ['type', link.type], ['profile', link.profile]];
  return `<${asUri(link.uri)}>${attributes
    .filter((attribute): attribute is [string, string] => attribute[1] !== undefined)
    .map(([name, value]) => `; ${name}=${TOKEN.test(value) ? value : `"${value.replace(/[\\"]/g, '\\$&')}"`}`)
    .join('')}`;
}

/** The `Link` header value for these links, each once. */
export function formatLinkHeader(links: readonly WebLink[]): string {
  return [...new Set(links.map((link) => formatLink(link)))].join(', ');
}

/** An IRI as a URI: every non-ASCII character percent-encoded as UTF-8 (RFC 3987 §3.1). */
export function asUri(iri: string): string {
  return iri.replace(/[^\x00-\x7f]+/gu, (characters) => encodeURIComponent(characters));
}

/** An RFC 9110 §5.6.2 token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The type that marks a page as being about something else (FAIR Signposting `type`). */
export const ABOUT_PAGE = 'https://schema.org/AboutPage';

/**
 * The profile of the machine-readable descriptions (`describedby … profile`):
 * each document is a record of a DCAT 3 catalogue — the catalogue, one of its
 * datasets with their distributions, or an agent, concept or page they refer
 * to — stated in DCAT 3, with Dublin Core and schema.org alongside (README,
 * "Vocabularies"). DCAT's namespace IRI is how metadata registries name it.
 */
export const DESCRIPTION_PROFILE = DCAT.iri;

/** The landing page's media type, for the back-links that point at it. */
const LANDING_PAGE_TYPE = 'text/html';

/** Where IANA media type IRIs (dcat:mediaType) start. */
const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';

/** What FAIR Signposting says about one resource, by the role of each context. */
export interface Signposts {
  /** The HTML page: cite-as, describedby, item, author, type, license. */
  readonly landingPage: LinkContext;
  /** Each machine-readable description (one per RDF format): `describes` the landing page. */
  readonly metadata: readonly LinkContext[];
  /** Each content resource (a distribution's URL): its `collection` is the landing page. */
  readonly items: readonly LinkContext[];
}

/**
 * FAIR Signposting for a resource (https://signposting.org/FAIR/), computed
 * once for both levels: the `Link` header of each document (level 1) and the
 * linkset (level 2, RFC 9264) are written from it, so they cannot differ.
 * Every relation comes from the graph and is left out where it states nothing:
 * `cite-as` the DOI's URL if the resource has one (schema:identifier), else
 * its IRI; `type` its classes and AboutPage; `author` its authors in their
 * credited order (bibo:authorList, an rdf:Seq), then any other creators; `item` the URLs
 * of its distributions; `license` its licences.
 */
export function signposts(iris: IriScheme, resource: string, own: readonly Quad[], offers: readonly Representation[]): Signposts {
  const objects = (subject: string, ...predicates: { value: string }[]) => [
    ...new Set(
      own
        .filter((quad) => quad.subject.value === subject && predicates.some((predicate) => quad.predicate.value === predicate.value) && quad.object.termType === 'NamedNode')
        .map((quad) => quad.object.value),
    ),
  ];
  const forReaders = offers.find((offer) => offer.forReaders);
  const landingPage = iris.documentOf(resource, forReaders?.extension)!;
  const descriptions = distinctRepresentations(offers).filter((offer) => offer.format !== undefined);

  const doi = objects(resource, SCHEMA.identifier).find((value) => value.startsWith('https://doi.org/'));
  const links: WebLink[] = [{ uri: doi ?? resource, rel: 'cite-as' }];
  for (const description of descriptions) {
    links.push({ uri: iris.documentOf(resource, description.extension)!, rel: 'describedby', type: description.mediaType, profile: DESCRIPTION_PROFILE });
  }
  const items: string[] = [];
  for (const distribution of objects(resource, DCAT.distribution)) {
    const mediaType = objects(distribution, DCAT.mediaType).find((value) => value.startsWith(IANA_MEDIA_TYPES))?.slice(IANA_MEDIA_TYPES.length);
    for (const url of objects(distribution, DCAT.downloadURL, DCAT.accessURL)) {
      links.push({ uri: url, rel: 'item', ...(mediaType ? { type: mediaType } : {}) });
      items.push(url);
    }
  }
  const credited = authorList(own, resource);
  for (const author of [...credited, ...objects(resource, SCHEMA.author, DCT.creator).filter((agent) => !credited.includes(agent))]) {
    links.push({ uri: author, rel: 'author' });
  }
  for (const type of objects(resource, RDF.type)) links.push({ uri: type, rel: 'type' });
  links.push({ uri: ABOUT_PAGE, rel: 'type' });
  for (const licence of objects(resource, SCHEMA.license, DCT.license)) links.push({ uri: licence, rel: 'license' });

  const backTo = (rel: string) => [{ uri: landingPage, rel, type: LANDING_PAGE_TYPE }];
  return {
    landingPage: { anchor: landingPage, links },
    metadata: descriptions.map((description) => ({ anchor: iris.documentOf(resource, description.extension)!, links: backTo('describes') })),
    items: [...new Set(items)].map((item) => ({ anchor: item, links: backTo('collection') })),
  };
}

/** Every context of the signposts, landing page first: the linkset's content. */
export function linkContexts(signposted: Signposts): LinkContext[] {
  return [signposted.landingPage, ...signposted.metadata, ...signposted.items];
}

/** The members of the resource's bibo:authorList, in order: an rdf:Seq among its own triples (`rdf:_1`, `rdf:_2`…). */
function authorList(own: readonly Quad[], resource: string): string[] {
  const sequence = own.find((quad) => quad.subject.value === resource && quad.predicate.value === BIBO.authorList.value)?.object;
  if (!sequence) return [];
  const members = own.flatMap((quad) => {
    const position = quad.subject.value === sequence.value && quad.object.termType === 'NamedNode' ? MEMBERSHIP.exec(quad.predicate.value) : null;
    return position ? [{ position: Number(position[1]), agent: quad.object.value }] : [];
  });
  return members.sort((a, b) => a.position - b.position).map((member) => member.agent);
}

/** A container membership property, `rdf:_1`, `rdf:_2`…, with its position. */
const MEMBERSHIP = new RegExp(`^${RDF.iri.replace(/[.]/g, '\\.')}_([1-9][0-9]*)$`);
