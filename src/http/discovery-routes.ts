import { Router, type Request, type Response } from 'express';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { LDES, PROV, RDF, TREE } from '../graph/namespaces.js';
import { STREAM_PREFIXES } from '../history/change-stream.js';
import type { ReleaseHistory } from '../history/release-history.js';
import { IriScheme } from '../graph/iri-scheme.js';
import { RDF_FORMATS } from '../graph/rdf-formats.js';
import { lastModified } from '../store/catalog-paging.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { voidDescription } from '../store/void-description.js';
import { dumpLinks } from './dump-routes.js';
import { escapeHtml } from '../pages/html-page.js';
import { NotFoundError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { chooseRepresentation, offeredExtensions, rdfRepresentation } from './representations.js';
import { setValidators, weakEtag } from './validators.js';
import { formatLinkHeader } from './web-links.js';

/** What the discovery routes read. */
export interface DiscoveryRouteDependencies {
  readonly graph: PublishedGraph;
  readonly baseUrl: string;
  /** The site's URLs when they differ from the default for baseUrl (a SPARQL endpoint elsewhere, or none); built from baseUrl when absent. */
  readonly site?: IriScheme;
  /** The OAI-PMH repository's settings, when the server has one: VoID then names it. */
  readonly oai?: unknown;
  /** The published states of the graph; with releases, VoID names the change stream and the sitemap "what's new". */
  readonly history?: ReleaseHistory;
}

/** VoID is data only: RDF formats, Turtle first for clients that state no preference. */
export const VOID_REPRESENTATIONS = RDF_FORMATS.map(rdfRepresentation);

/**
 * How crawlers and linked-data clients find what is published: `/void` and
 * `/.well-known/void` (a VoID description computed from the built graph),
 * `/sitemap.xml` (every document) and `/robots.txt` (allows everything, names the sitemap).
 */
export function createDiscoveryRouter(deps: DiscoveryRouteDependencies): Router {
  const iris = deps.site ?? new IriScheme(deps.baseUrl);
  const { store, manifest } = deps.graph;
  const voidQuads = voidDescription(store, manifest, {
    dataset: iris.voidDataset,
    sparqlEndpoint: iris.sparqlEndpoint,
    dumps: dumpLinks(deps.graph, iris).map((dump) => dump.href),
    rootResource: iris.catalog.value,
    oaiPmh: deps.oai === undefined ? undefined : { service: iris.oaiService, endpoint: iris.oai },
  });
  const hasHistory = (deps.history?.releases.length ?? 0) > 0;
  // The change stream is another dataset, made from this one's releases; VoID says where its view is.
  if (hasHistory) voidQuads.push(...streamQuads(iris));
  const voidPrefixes = hasHistory ? { ...manifest.prefixes, ...STREAM_PREFIXES } : manifest.prefixes;
  const extensions = offeredExtensions(VOID_REPRESENTATIONS);

  const sendVoid = async (req: Request, res: Response, extension: string | undefined) => {
    if (extension !== undefined && !extensions.has(extension)) throw new NotFoundError(`There is no ${iris.void(extension)}; see ${iris.void()}.`);
    const { representation, variesOnAccept } = chooseRepresentation(req, extension, VOID_REPRESENTATIONS);
    if (variesOnAccept) res.vary('Accept');
    res.type(representation.contentType);
    if (extension === undefined) res.setHeader('Content-Location', iris.void(representation.extension));
    res.setHeader(
      'Link',
      formatLinkHeader(VOID_REPRESENTATIONS.filter((other) => other !== representation).map((other) => ({ uri: iris.void(other.extension), rel: 'alternate', type: other.mediaType }))),
    );
    if (setValidators(req, res, manifest, weakEtag(manifest, `void-${representation.key}`))) {
      res.status(304).end();
      return;
    }
    res.send(await representation.format!.serialize(voidQuads, { prefixes: voidPrefixes }));
  };

  const sitemap = sitemapXml(deps.graph, iris, hasHistory);
  const robots = `User-agent: *\nAllow: /\n\nSitemap: ${iris.sitemap}\n`;
  const sendText = (req: Request, res: Response, type: string, key: string, body: string) => {
    res.type(type);
    if (setValidators(req, res, manifest, weakEtag(manifest, key))) {
      res.status(304).end();
      return;
    }
    res.send(body);
  };

  const router = Router({ caseSensitive: true, strict: true });
  router.route(iris.path(iris.void())).get((req, res) => sendVoid(req, res, undefined)).all(methodNotAllowed());
  router.route(`${iris.path(iris.void())}.:extension`).get((req, res) => sendVoid(req, res, req.params.extension)).all(methodNotAllowed());
  router.route(iris.path(iris.wellKnownVoid)).get((req, res) => sendVoid(req, res, undefined)).all(methodNotAllowed());
  router.route(iris.path(iris.sitemap)).get((req, res) => sendText(req, res, 'application/xml; charset=utf-8', 'sitemap', sitemap)).all(methodNotAllowed());
  router.route(iris.path(iris.robots)).get((req, res) => sendText(req, res, 'text/plain; charset=utf-8', 'robots', robots)).all(methodNotAllowed());
  return router;
}

/**
 * The sitemap (sitemaps.org 0.9): the home page, the catalogue, "what's new"
 * when there is a history, and the document of every resource the server describes, with the date of the
 * catalogue record where the build knows one.
 */
function sitemapXml(graph: PublishedGraph, iris: IriScheme, hasHistory: boolean): string {
  const catalog = iris.catalog.value;
  const entries = new Map<string, string | undefined>([
    [iris.base, undefined],
    [iris.catalogPages(), undefined],
    ...(hasHistory ? [[iris.whatsNew, undefined] as [string, undefined]] : []),
  ]);
  const documents: [string, string | undefined][] = [];
  for (const subject of graph.store.getSubjects(null, null, null)) {
    if (subject.termType !== 'NamedNode') continue;
    const document = iris.documentOf(subject.value);
    if (document) documents.push([document, lastModified(graph.store, catalog, subject.value)?.toISOString()]);
  }
  documents.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [document, modified] of documents) entries.set(document, modified);
  const urls = [...entries].map(([loc, modified]) => `  <url>\n    <loc>${escapeHtml(loc)}</loc>\n${modified ? `    <lastmod>${modified}</lastmod>\n` : ''}  </url>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`;
}

/** The change stream as VoID's readers find it: an event stream derived from the described dataset, and its view. */
function streamQuads(iris: IriScheme): Quad[] {
  const stream = DataFactory.namedNode(iris.changeStream);
  return [
    DataFactory.quad(stream, RDF.type, LDES.EventStream),
    DataFactory.quad(stream, PROV.wasDerivedFrom, DataFactory.namedNode(iris.voidDataset)),
    DataFactory.quad(stream, TREE.view, DataFactory.namedNode(iris.changes())),
  ];
}
