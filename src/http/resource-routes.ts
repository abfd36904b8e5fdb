import { Router, type Request, type Response } from 'express';
import type { Store } from 'n3';
import { IriScheme } from '../graph/iri-scheme.js';
import { describeResource, labelsOf, resourcesLinkingTo, type ResourceDescription } from '../store/describe-resource.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { NotFoundError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { withLanguage, type AlternateLink } from '../pages/html-page.js';
import { chosenLanguage, readerLanguages } from './reader-language.js';
import { offeredLanguages } from '../pages/reader-language.js';
import { chooseRepresentation, DISTINCT_REPRESENTATIONS, DOCUMENT_REPRESENTATIONS, offeredExtensions, type Representation } from './representations.js';
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
}

/**
 * Resource IRIs (`/id/...`, `/vocab/ontology`) answer 303 See Other to the
 * document in the negotiated format; documents (`/doc/...`, with or without an
 * extension) answer 200 with the concise bounded description.
 */
export function createResourceRouter(deps: ResourceRouteDependencies): Router {
  const iris = new IriScheme(deps.baseUrl);
  const { store, manifest } = deps.graph;
  const languages = offeredLanguages(store);
  const extensions = offeredExtensions(DOCUMENT_REPRESENTATIONS);
  const router = Router({ caseSensitive: true, strict: true });
  const cache = new RepresentationCache();

  // Both answers depend only on the URL and the negotiation headers; errors are never replayed.
  const seeOther = (req: Request, res: Response) => {
    markReplayable(res);
    const resource = iris.url(req.path);
    if (!isDescribed(store, resource)) throw new NotFoundError(`No resource is published at ${resource}.`);
    const { representation } = chooseRepresentation(req, undefined, DOCUMENT_REPRESENTATIONS);
    const chosen = chosenLanguage(req);
    // The language a reader picked on an HTML page follows them through the 303.
    const location = chosen && representation.format === undefined ? withLanguage(iris.documentOf(resource, representation.extension)!, chosen) : iris.documentOf(resource, representation.extension)!;
    res.vary('Accept');
    res.status(303).location(location).type('text/plain; charset=utf-8').send(`See ${location}\n`);
  };

  const document = async (req: Request, res: Response) => {
    markReplayable(res);
    const { path, extension } = splitExtension(req.path.slice(1), extensions);
    const resource = iris.resourceOf(iris.url(`/${path}`));
    const description = resource === undefined ? undefined : describeResource(store, resource);
    if (!resource || !description) throw new NotFoundError(`No document is published at ${iris.url(req.path)}.`);
    const { representation, variesOnAccept } = chooseRepresentation(req, extension, DOCUMENT_REPRESENTATIONS);
    const isHtml = representation.format === undefined;
    const reader = isHtml ? readerLanguages(req, languages) : [];
    const chosen = isHtml ? chosenLanguage(req) : undefined;
    // A page whose language was picked with ?lang= is the same whatever Accept-Language says.
    const vary = [...(variesOnAccept ? ['Accept'] : []), ...(isHtml && !chosen ? ['Accept-Language'] : [])];
    for (const header of vary) res.vary(header);
    res.type(representation.contentType);
    if (extension === undefined && req.query.format === undefined) res.setHeader('Content-Location', iris.documentOf(resource, representation.extension)!);
    res.setHeader('Link', formatLinkHeader(documentLinks(iris, resource, description, representation)));
    const lang = isHtml ? uiTextFor(reader).lang : undefined;
    if (lang) res.setHeader('Content-Language', lang);
    // A picked language changes the page's links (they carry ?lang=), so it is its own representation.
    const htmlKey = `${reader.join('.')}${chosen ? '-picked' : ''}`;
    const etag = weakEtag(manifest, isHtml ? `html-${htmlKey}` : representation.key);
    if (setValidators(req, res, manifest, etag)) {
      res.status(304).end();
      return;
    }
    if (representation.format) {
      const format = representation.format;
      res.send(await cache.get(`${resource} ${representation.key}`, () => format.serialize(description.quads, { prefixes: manifest.prefixes, jsonLdProfile: representation.jsonLdProfile })));
      return;
    }
    const { text } = uiTextFor(reader);
    res.send(await cache.get(`${resource} html ${htmlKey}`, async () =>
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
        alternates: alternates(iris, resource).filter((link) => link.type !== representation.mediaType),
        jsonLd: await schemaOrgJsonLd(resource, description.quads),
        pageUrl: iris.documentOf(resource)!,
        chosenLang: chosen,
      })));
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

/** The document's representations, one per format, for links. */
function alternates(iris: IriScheme, resource: string): AlternateLink[] {
  return DISTINCT_REPRESENTATIONS.map((representation) => ({
    href: iris.documentOf(resource, representation.extension)!,
    type: representation.mediaType,
    title: representation.label,
  }));
}

/** Link header: the other representations, FAIR Signposting, and for the HTML page its machine-readable descriptions. */
function documentLinks(iris: IriScheme, resource: string, description: ResourceDescription, current: Representation): WebLink[] {
  const others = alternates(iris, resource).filter((link) => link.type !== current.mediaType.split(';')[0]);
  return [
    ...others.map((link) => ({ uri: link.href, rel: 'alternate', type: link.type })),
    ...(current.format === undefined ? others.map((link) => ({ uri: link.href, rel: 'describedby', type: link.type })) : []),
    ...signpostingLinks(resource, description.own),
  ];
}
