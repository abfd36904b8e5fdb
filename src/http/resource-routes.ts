import { Router, type Request, type Response } from 'express';
import type { Store } from 'n3';
import { IriScheme } from '../graph/iri-scheme.js';
import { RDF } from '../graph/namespaces.js';
import { describeResource, type ResourceDescription } from '../store/describe-resource.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { NotFoundError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { withLanguage, type AlternateLink } from '../pages/html-page.js';
import { chosenLanguage, readerLanguages, readerVariant } from './reader-language.js';
import { offeredLanguages } from '../pages/reader-language.js';
import { chooseRepresentation, distinctRepresentations, pageCitationOptions, REPRESENTATIONS, requestedOptions, type RepresentationTable, type Representation } from './representations.js';
import { RepresentationCache } from './representation-cache.js';
import { ALL_KINDS } from '../kinds/all-kinds.js';
import type { Kind } from '../kinds/kind.js';
import { documentVariant, recordPageFor, renderDocumentPage } from './document-page.js';
import { markReplayable } from './response-replay.js';
import { uiTextFor } from '../pages/ui-text.js';
import { setValidators, weakEtag } from './validators.js';
import { formatLinkHeader, linkContexts, signposts, type WebLink } from './web-links.js';
import { LINKSET, LINKSET_JSON, linksetRepresentations } from './linkset.js';
import type { ReleaseHistory } from '../history/release-history.js';
import { originalLinks } from './memento-links.js';

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
  /** The published states of the graph; with releases, every IRI and document links its Memento TimeGate and TimeMap. */
  readonly history?: ReleaseHistory;
  /** The kinds of thing, which say which record page their things get; ALL_KINDS unless a test brings its own. */
  readonly kinds?: readonly Kind<unknown>[];
}

/**
 * Resource IRIs (`/id/...`, `/vocab/ontology`) answer 303 See Other to the
 * document in the negotiated format; documents (`/doc/...`, with or without an
 * extension) answer 200 with the concise bounded description. Each resource
 * is negotiated among the representations it offers. Linksets (`/linkset/...`)
 * answer with the resource's FAIR Signposting, computed as its documents'
 * `Link` headers are.
 */
export function createResourceRouter(deps: ResourceRouteDependencies): Router {
  const iris = deps.site ?? new IriScheme(deps.baseUrl);
  const { store, manifest } = deps.graph;
  const languages = offeredLanguages(store);
  const table = deps.representations ?? REPRESENTATIONS;
  const kinds = deps.kinds ?? ALL_KINDS;
  const extensions = table.extensions();
  const offering = (iri: string) => ({ iri, types: store.getObjects(iri, RDF.type, null).map((type) => type.value), store, iris });
  const offersOf = (iri: string) => table.offeredBy(offering(iri));
  const router = Router({ caseSensitive: true, strict: true });
  const cache = deps.pages ?? new RepresentationCache();
  // Each resource IRI and document is a Memento original resource (RFC 7089) once there are releases.
  const timeLinks = (original: string): WebLink[] => (deps.history?.releases.length ? originalLinks(iris, original) : []);

  // Both answers depend only on the URL and the negotiation headers; errors are never replayed.
  const seeOther = (req: Request, res: Response) => {
    markReplayable(res);
    const resource = iris.url(req.path);
    if (!isDescribed(store, resource)) throw new NotFoundError(`No resource is published at ${resource}.`);
    const { representation, acceptOptions } = chooseRepresentation(req, undefined, offersOf(resource), table.refusedBy(offering(resource)));
    const chosen = chosenLanguage(req);
    // A citation style or locale asked for in Accept or the query string is named in the URL of the document.
    const target = iris.documentOf(resource, representation.extension, requestedOptions(req, representation, acceptOptions).given)!;
    // The language a reader picked on an HTML page follows them through the 303.
    const location = chosen && representation.forReaders ? withLanguage(target, chosen) : target;
    res.vary('Accept');
    const links = timeLinks(resource);
    if (links.length > 0) res.setHeader('Link', formatLinkHeader(links));
    res.status(303).location(location).type('text/plain; charset=utf-8').send(`See ${location}\n`);
  };

  const document = async (req: Request, res: Response) => {
    markReplayable(res);
    const { path, extension } = splitExtension(req.path.slice(1), extensions);
    const resource = iris.resourceOf(iris.url(`/${path}`));
    const description = resource === undefined ? undefined : describeResource(store, resource);
    if (!resource || !description) throw new NotFoundError(`No document is published at ${iris.url(req.path)}.`);
    const offers = offersOf(resource);
    const refused = table.refusedBy(offering(resource));
    // An extension some other kind of resource has names no document of this one.
    if (extension !== undefined && !offers.some((offer) => offer.extension === extension)) {
      const refusal = refused.find((candidate) => candidate.representation.extension === extension);
      throw new NotFoundError(`No document is published at ${iris.url(req.path)}.${refusal ? ` ${refusal.reason}` : ''}`);
    }
    const { representation, variesOnAccept, acceptOptions } = chooseRepresentation(req, extension, offers, refused);
    const options = requestedOptions(req, representation, acceptOptions);
    const forReaders = representation.forReaders === true;
    const reader = forReaders ? readerLanguages(req, languages) : [];
    const chosen = forReaders ? chosenLanguage(req) : undefined;
    // A page whose language was picked with ?lang= is the same whatever Accept-Language says.
    const vary = [...(variesOnAccept ? ['Accept'] : []), ...(forReaders && !chosen ? ['Accept-Language'] : [])];
    for (const header of vary) res.vary(header);
    res.type(representation.contentType);
    if (extension === undefined && req.query.format === undefined) res.setHeader('Content-Location', iris.documentOf(resource, representation.extension, options.given)!);
    res.setHeader('Link', formatLinkHeader([...documentLinks(iris, description, representation, offers), ...timeLinks(iris.url(req.path))]));
    const lang = forReaders ? uiTextFor(reader).lang : representation.options?.contentLanguage?.(options.values);
    if (lang) res.setHeader('Content-Language', lang);
    // A kind with a record page (outputs, people, organisations, projects) gets it; anything else the page of its statements.
    const recordPage = forReaders ? recordPageFor(kinds, iris, resource) : undefined;
    // An output's page formats its reference in the style and locale asked for with ?style= and ?locale=.
    const pageCitation = recordPage === 'output' ? pageCitationOptions(req) : {};
    // A picked language changes the page's links (they carry ?lang=), so it is its own representation; so is each style and locale of a citation.
    const variant = documentVariant(representation.key, forReaders ? readerVariant(reader, chosen !== undefined) : undefined, Object.values(forReaders ? pageCitation : options.values));
    if (setValidators(req, res, manifest, weakEtag(manifest, variant))) {
      res.status(304).end();
      return;
    }
    const { text } = uiTextFor(reader);
    const page = () =>
      renderDocumentPage({
        store,
        iris,
        kinds,
        description,
        prefixes: manifest.prefixes,
        languages: reader,
        lang: lang!,
        text,
        alternates: alternates(iris, resource, offers).filter((link) => link.type !== representation.mediaType),
        dataFormats: alternates(iris, resource, offers.filter((offer) => offer.format !== undefined)),
        pageUrl: iris.documentOf(resource)!,
        chosenLang: chosen,
        history: deps.history?.versionsOf(resource).length ? iris.historyOf(resource) : undefined,
        citation: pageCitation,
      });
    res.send(await cache.get(`${manifest.contentHash} ${resource} ${variant}`, () => representation.produce({ description, prefixes: manifest.prefixes, store, site: iris, options: options.values, page })));
  };

  const linksets = linksetRepresentations((description) => linkContexts(signposts(iris, description.iri, description.own, offersOf(description.iri))));
  const linkset = async (req: Request, res: Response) => {
    markReplayable(res);
    const resource = iris.resourceOfLinkset(iris.url(req.path));
    const description = resource === undefined ? undefined : describeResource(store, resource);
    if (!description) throw new NotFoundError(`No linkset is published at ${iris.url(req.path)}.`);
    const { representation, variesOnAccept } = chooseRepresentation(req, undefined, linksets);
    if (variesOnAccept) res.vary('Accept');
    res.type(representation.contentType);
    // RFC 9264 §7.1: the same links in the other format.
    const other = linksets.find((candidate) => candidate !== representation)!;
    res.setHeader('Link', formatLinkHeader([{ uri: iris.linksetOf(description.iri)!, rel: 'alternate', type: other.mediaType }]));
    if (setValidators(req, res, manifest, weakEtag(manifest, `linkset-${representation.key}`))) {
      res.status(304).end();
      return;
    }
    const noPage = () => Promise.reject(new Error('a linkset has no page'));
    res.send(await cache.get(`${manifest.contentHash} ${description.iri} linkset-${representation.key}`, () => representation.produce({ description, prefixes: manifest.prefixes, store, site: iris, options: {}, page: noPage })));
  };

  router.route('/id/*path').get(seeOther).all(methodNotAllowed());
  router.route('/vocab/ontology').get(seeOther).all(methodNotAllowed());
  router.route('/doc/*path').get(document).all(methodNotAllowed());
  router.route('/linkset/*path').get(linkset).all(methodNotAllowed());
  return router;
}

/** Whether the graph says anything about this IRI (as a subject: it has a description). */
function isDescribed(store: Store, iri: string): boolean {
  return store.countQuads(iri, null, null, null) > 0;
}

/** `doc/person/x.ttl` → `doc/person/x` and `ttl`, for extensions on offer only; the longest wins, so `x.csl.json` is `csl.json`. */
function splitExtension(path: string, extensions: ReadonlySet<string>): { path: string; extension?: string } {
  const extension = [...extensions]
    .filter((candidate) => path.endsWith(`.${candidate}`) && path.length > candidate.length + 1 && !path.slice(0, -candidate.length - 1).endsWith('/'))
    .sort((a, b) => b.length - a.length)[0];
  return extension === undefined ? { path } : { path: path.slice(0, -extension.length - 1), extension };
}

/** The document's representations, one per format of those the resource offers, for links. */
function alternates(iris: IriScheme, resource: string, offers: readonly Representation[]): AlternateLink[] {
  return distinctRepresentations(offers).map((representation) => ({
    href: iris.documentOf(resource, representation.extension)!,
    type: representation.mediaType,
    title: representation.label,
  }));
}

/**
 * Link header: the other representations, the linkset in both its formats,
 * and the FAIR Signposting links whose context is this document: the landing
 * page's (cite-as, describedby…) on the page for readers, `describes` on a
 * machine-readable description.
 */
function documentLinks(iris: IriScheme, description: ResourceDescription, current: Representation, offers: readonly Representation[]): WebLink[] {
  const resource = description.iri;
  const others = alternates(iris, resource, offers).filter((link) => link.type !== current.mediaType.split(';')[0]);
  const signposted = signposts(iris, resource, description.own, offers);
  const self = iris.documentOf(resource, current.extension);
  const context = current.forReaders ? signposted.landingPage : signposted.metadata.find((metadata) => metadata.anchor === self);
  const linkset = iris.linksetOf(resource)!;
  return [
    ...others.map((link) => ({ uri: link.href, rel: 'alternate', type: link.type })),
    { uri: linkset, rel: 'linkset', type: LINKSET },
    { uri: linkset, rel: 'linkset', type: LINKSET_JSON },
    ...(context?.links ?? []),
  ];
}
