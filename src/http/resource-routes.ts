import { Router, type Request, type Response } from 'express';
import type { Store } from 'n3';
import { IriScheme } from '../graph/iri-scheme.js';
import { RDF } from '../graph/namespaces.js';
import { describeResource, labelsOf, resourcesLinkingTo, type ResourceDescription } from '../store/describe-resource.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { NotFoundError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { withLanguage, type AlternateLink } from '../pages/html-page.js';
import { chosenLanguage, readerLanguages } from './reader-language.js';
import { offeredLanguages } from '../pages/reader-language.js';
import { chooseRepresentation, distinctRepresentations, REPRESENTATIONS, type RepresentationTable, type Representation } from './representations.js';
import { RepresentationCache } from './representation-cache.js';
import { renderResourcePage } from '../pages/resource-page.js';
import { markReplayable } from './response-replay.js';
import { schemaOrgJsonLd } from '../pages/schema-org-json-ld.js';
import { uiTextFor } from '../pages/ui-text.js';
import { setValidators, weakEtag } from './validators.js';
import { formatLinkHeader, signpostingLinks, type WebLink } from './web-links.js';

/** What the resource and document routes read. */
export interface ResourceRouteDependencies {
  readonly graph: PublishedGraph;
  readonly baseUrl: string;
  /** The site's URLs when they differ from the default for baseUrl (a SPARQL endpoint elsewhere, or none); built from baseUrl when absent. */
  readonly site?: IriScheme;
  /** Where rendered documents are kept; one shared by every router (createCaches), or a router's own. */
  readonly pages?: RepresentationCache;
  /** The representations documents are offered in; REPRESENTATIONS unless a test adds its own. */
  readonly representations?: RepresentationTable;
}

/**
 * Resource IRIs (`/id/...`, `/vocab/ontology`) answer 303 See Other to the
 * document in the negotiated format; documents (`/doc/...`, with or without an
 * extension) answer 200 with the concise bounded description. Each resource
 * is negotiated among the representations it offers.
 */
export function createResourceRouter(deps: ResourceRouteDependencies): Router {
  const iris = deps.site ?? new IriScheme(deps.baseUrl);
  const { store, manifest } = deps.graph;
  const languages = offeredLanguages(store);
  const table = deps.representations ?? REPRESENTATIONS;
  const extensions = table.extensions();
  const offersOf = (iri: string) => table.offeredBy({ iri, types: store.getObjects(iri, RDF.type, null).map((type) => type.value) });
  const router = Router({ caseSensitive: true, strict: true });
  const cache = deps.pages ?? new RepresentationCache();

  // Both answers depend only on the URL and the negotiation headers; errors are never replayed.
  const seeOther = (req: Request, res: Response) => {
    markReplayable(res);
    const resource = iris.url(req.path);
    if (!isDescribed(store, resource)) throw new NotFoundError(`No resource is published at ${resource}.`);
    const { representation } = chooseRepresentation(req, undefined, offersOf(resource));
    const chosen = chosenLanguage(req);
    // The language a reader picked on an HTML page follows them through the 303.
    const location = chosen && representation.forReaders ? withLanguage(iris.documentOf(resource, representation.extension)!, chosen) : iris.documentOf(resource, representation.extension)!;
    res.vary('Accept');
    res.status(303).location(location).type('text/plain; charset=utf-8').send(`See ${location}\n`);
  };

  const document = async (req: Request, res: Response) => {
    markReplayable(res);
    const { path, extension } = splitExtension(req.path.slice(1), extensions);
    const resource = iris.resourceOf(iris.url(`/${path}`));
    const description = resource === undefined ? undefined : describeResource(store, resource);
    if (!resource || !description) throw new NotFoundError(`No document is published at ${iris.url(req.path)}.`);
    const offers = offersOf(resource);
    // An extension some other kind of resource has names no document of this one.
    if (extension !== undefined && !offers.some((offer) => offer.extension === extension)) throw new NotFoundError(`No document is published at ${iris.url(req.path)}.`);
    const { representation, variesOnAccept } = chooseRepresentation(req, extension, offers);
    const forReaders = representation.forReaders === true;
    const reader = forReaders ? readerLanguages(req, languages) : [];
    const chosen = forReaders ? chosenLanguage(req) : undefined;
    // A page whose language was picked with ?lang= is the same whatever Accept-Language says.
    const vary = [...(variesOnAccept ? ['Accept'] : []), ...(forReaders && !chosen ? ['Accept-Language'] : [])];
    for (const header of vary) res.vary(header);
    res.type(representation.contentType);
    if (extension === undefined && req.query.format === undefined) res.setHeader('Content-Location', iris.documentOf(resource, representation.extension)!);
    res.setHeader('Link', formatLinkHeader(documentLinks(iris, resource, description, representation, offers)));
    const lang = forReaders ? uiTextFor(reader).lang : undefined;
    if (lang) res.setHeader('Content-Language', lang);
    // A picked language changes the page's links (they carry ?lang=), so it is its own representation.
    const variant = forReaders ? `${representation.key}-${reader.join('.')}${chosen ? '-picked' : ''}` : representation.key;
    if (setValidators(req, res, manifest, weakEtag(manifest, variant))) {
      res.status(304).end();
      return;
    }
    const { text } = uiTextFor(reader);
    const page = async () =>
      renderResourcePage({
        iri: resource,
        own: description.own,
        referencedBy: resourcesLinkingTo(store, resource),
        labels: (node) => labelsOf(store, node),
        languages: reader,
        prefixes: manifest.prefixes,
        lang: lang!,
        text,
        baseUrl: iris.base,
        site: iris,
        alternates: alternates(iris, resource, offers).filter((link) => link.type !== representation.mediaType),
        jsonLd: await schemaOrgJsonLd(resource, description.quads),
        pageUrl: iris.documentOf(resource)!,
        chosenLang: chosen,
      });
    res.send(await cache.get(`${manifest.contentHash} ${resource} ${variant}`, () => representation.produce({ description, prefixes: manifest.prefixes, page })));
  };

  router.route('/id/*path').get(seeOther).all(methodNotAllowed());
  router.route('/vocab/ontology').get(seeOther).all(methodNotAllowed());
  router.route('/doc/*path').get(document).all(methodNotAllowed());
  return router;
}

/** Whether the graph says anything about this IRI (as a subject: it has a description). */
function isDescribed(store: Store, iri: string): boolean {
  return store.countQuads(iri, null, null, null) > 0;
}

/** `doc/person/x.ttl` → `doc/person/x` and `ttl`, for extensions on offer only. */
function splitExtension(path: string, extensions: ReadonlySet<string>): { path: string; extension?: string } {
  const match = /^(.+)\.([a-z]+)$/.exec(path);
  if (match && extensions.has(match[2]!) && !match[1]!.endsWith('/')) return { path: match[1]!, extension: match[2]! };
  return { path };
}

/** The document's representations, one per format of those the resource offers, for links. */
function alternates(iris: IriScheme, resource: string, offers: readonly Representation[]): AlternateLink[] {
  return distinctRepresentations(offers).map((representation) => ({
    href: iris.documentOf(resource, representation.extension)!,
    type: representation.mediaType,
    title: representation.label,
  }));
}

/** Link header: the other representations, FAIR Signposting, and for a page for readers its machine-readable (RDF) descriptions. */
function documentLinks(iris: IriScheme, resource: string, description: ResourceDescription, current: Representation, offers: readonly Representation[]): WebLink[] {
  const others = alternates(iris, resource, offers).filter((link) => link.type !== current.mediaType.split(';')[0]);
  const rdfTypes = new Set(offers.filter((offer) => offer.format !== undefined).map((offer) => offer.mediaType));
  return [
    ...others.map((link) => ({ uri: link.href, rel: 'alternate', type: link.type })),
    ...(current.forReaders ? others.filter((link) => rdfTypes.has(link.type)).map((link) => ({ uri: link.href, rel: 'describedby', type: link.type })) : []),
    ...signpostingLinks(resource, description.own),
  ];
}
