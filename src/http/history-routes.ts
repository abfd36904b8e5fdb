import { strongEtagOf } from './validators.js';
import { Router, type Request, type Response } from 'express';
import type { Store } from 'n3';
import { IriScheme } from '../graph/iri-scheme.js';
import { RDF } from '../graph/namespaces.js';
import type { Release, ReleaseHistory } from '../history/release-history.js';
import { offeredLanguages } from '../pages/reader-language.js';
import { uiTextFor } from '../pages/ui-text.js';
import { describeResource } from '../store/describe-resource.js';
import { acceptDatetime, httpDate } from './accept-datetime.js';
import { BadRequestError, NotFoundError } from './http-errors.js';
import { formatTimedLinks, LINK_FORMAT, neighbourLinks, timeLinks, type TimedLink } from './memento-links.js';
import { methodNotAllowed } from './method-guard.js';
import { chosenLanguage, readerLanguages, readerVariant } from './reader-language.js';
import { RepresentationCache } from './representation-cache.js';
import { ALL_KINDS } from '../kinds/all-kinds.js';
import type { Kind } from '../kinds/kind.js';
import { documentVariant, recordPageFor, renderDocumentPage } from './document-page.js';
import { chooseRepresentation, distinctRepresentations, pageCitationOptions, rdfRepresentation, REPRESENTATIONS, requestedOptions, type Representation, type RepresentationTable } from './representations.js';
import { DUMP_FORMATS } from '../build/build-dist.js';
import { markReplayable } from './response-replay.js';

/** Mementos per TimeMap page unless TIMEMAP_PAGE_SIZE says otherwise. */
export const DEFAULT_TIMEMAP_PAGE_SIZE = 1000;

/** A year: mementos never change, so caches may keep them as long as HTTP lets them say. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** What the Memento routes read. */
export interface HistoryRouteDependencies {
  readonly baseUrl: string;
  readonly history: ReleaseHistory;
  /** Where rendered documents are kept; one shared by every router (createCaches), or this router's own. */
  readonly pages?: RepresentationCache;
  /** The representations documents are offered in; REPRESENTATIONS unless a test adds its own. */
  readonly representations?: RepresentationTable;
  /** Mementos per TimeMap page (TIMEMAP_PAGE_SIZE). */
  readonly timemapPageSize?: number;
  /** The kinds of thing, which say which record page their things get; ALL_KINDS unless a test brings its own. */
  readonly kinds?: readonly Kind<unknown>[];
}

/** An original resource of the site, read off a Memento URL: a resource IRI, a document with or without extension, or the dump. */
interface Original {
  /** Its URL, without query. */
  readonly url: string;
  /** The resource whose description it is or names (for the dump, its URL). */
  readonly resource: string;
  /** For a document; undefined for a resource IRI (which answers 303). */
  readonly document?: { readonly extension?: string };
  /** For the dump (`/dump`, `/dump.ttl`…): the whole graph, whose mementos are every release. */
  readonly dump?: { readonly extension?: string };
}

/** The formats of the dump, as the build writes them. */
const DUMP_REPRESENTATIONS: readonly Representation[] = DUMP_FORMATS.map(rdfRepresentation);

/**
 * Memento (RFC 7089), pattern 2.2: every resource IRI and document of the site
 * is an original resource with its own TimeGate (`/timegate/{path}`), TimeMaps
 * (`/timemap/link/{path}`, `/timemap/json/{path}`) and mementos
 * (`/memento/{release}/{path}`, a release id being `YYYYMMDDhhmmss`). The
 * mementos of a resource are the releases in which its document appeared or
 * changed (src/history); each is served from that release's graph in every
 * representation the current documents have. The dump (`/dump`, `/dump.nt`…)
 * is an original too: its mementos are every release's whole graph. Also
 * `/releases`, the list of releases as JSON.
 */
export function createHistoryRouter(deps: HistoryRouteDependencies): Router {
  const iris = new IriScheme(deps.baseUrl);
  const { history } = deps;
  const table = deps.representations ?? REPRESENTATIONS;
  const kinds = deps.kinds ?? ALL_KINDS;
  const extensions = table.extensions();
  const cache = deps.pages ?? new RepresentationCache();
  const pageSize = deps.timemapPageSize ?? DEFAULT_TIMEMAP_PAGE_SIZE;
  const router = Router({ caseSensitive: true, strict: true });
  // The languages a release's pages are offered in: a scan of every literal of its graph, done once per graph, not per page request.
  const languagesByGraph = new WeakMap<Store, string[]>();
  const languagesOf = (store: Store): string[] => {
    if (!languagesByGraph.has(store)) languagesByGraph.set(store, offeredLanguages(store));
    return languagesByGraph.get(store)!;
  };
  const offersOf = (store: Store, iri: string) => table.offeredBy({ iri, types: store.getObjects(iri, RDF.type, null).map((type) => type.value), store, iris });

  /** The original resource named by the rest of a Memento URL; 404 for anything that is not one. */
  const originalOf = (rest: string): Original => {
    const url = iris.url(`/${rest}`);
    const dump = /^dump(?:\.([a-z]+))?$/.exec(rest);
    if (dump && (dump[1] === undefined || DUMP_REPRESENTATIONS.some((offer) => offer.extension === dump[1]))) return { url, resource: url, dump: { extension: dump[1] } };
    if (rest.startsWith('doc/')) {
      const { path, extension } = splitExtension(rest, extensions);
      const resource = iris.resourceOf(iris.url(`/${path}`));
      if (resource) return { url, resource, document: { extension } };
    } else if (iris.documentOf(url) !== undefined) {
      return { url, resource: url };
    }
    throw new NotFoundError(`${url} is no resource or document of this site, so it has no TimeGate, TimeMap or memento.`);
  };

  /** The mementos of an original, oldest first; 404 when it has none. */
  const versionsOf = (original: Original): Release[] => {
    if (history.releases.length === 0) throw new NotFoundError(`This server has no releases (${history.unavailable ?? 'none were built'}), so ${original.url} has no mementos.`);
    const versions = original.dump ? [...history.releases] : history.versionsOf(original.resource);
    if (versions.length === 0) throw new NotFoundError(`${original.url} was in no release of this server, so it has no mementos; the releases are listed at ${iris.releases}.`);
    return versions;
  };

  const timegate = (req: Request, res: Response) => {
    const original = originalOf(req.path.slice('/timegate/'.length));
    // Datetime negotiation: the answer depends on Accept-Datetime, which replay does not key on, so it is never replayed.
    res.vary('Accept-Datetime');
    const requested = acceptDatetime(req);
    const versions = versionsOf(original);
    // The latest memento at or before the datetime asked for; before the first, the first; none asked for, the latest (RFC 7089 §4.5.3).
    const chosen = requested === undefined ? versions.at(-1)! : (versions.filter((release) => release.datetime.getTime() <= requested.getTime()).at(-1) ?? versions[0]!);
    const location = iris.memento(chosen.id, original.url);
    res.setHeader('Link', formatTimedLinks([...timeLinks(iris, original.url).filter((link) => link.rel !== 'timegate'), ...neighbourLinks(iris, original.url, versions)]));
    res.status(302).location(location).type('text/plain; charset=utf-8').send(`See ${location}\n`);
  };

  const timemap = (req: Request, res: Response) => {
    markReplayable(res);
    const match = /^\/timemap\/(link|json)\/(.+)$/s.exec(req.path);
    if (!match) throw new NotFoundError(`No TimeMap is published at ${iris.url(req.path)}; TimeMaps are /timemap/link/{path} and /timemap/json/{path}.`);
    const format = match[1] as 'link' | 'json';
    const original = originalOf(match[2]!);
    const versions = versionsOf(original);
    const pages = Math.ceil(versions.length / pageSize);
    const page = pageNumber(req.query.page);
    if (page > pages) throw new NotFoundError(`The TimeMap of ${original.url} has ${pages} ${pages === 1 ? 'page' : 'pages'}, not ${page}; see ${iris.timemap(original.url, format)}.`);
    const pageUrl = (n: number, as: 'link' | 'json' = format) => `${iris.timemap(original.url, as)}${n === 1 ? '' : `?page=${n}`}`;
    const listed = versions.slice((page - 1) * pageSize, page * pageSize);
    const span = (n: number) => {
      const items = versions.slice((n - 1) * pageSize, n * pageSize);
      return { from: items[0]!.datetime, until: items.at(-1)!.datetime };
    };
    // The whole TimeMap, or this page of it, is fixed while the server runs: the history is read at start-up.
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    res.setHeader('ETag', `W/"${history.latest!.canonicalHash.slice(0, 32)}-${format}-${page}"`);
    res.setHeader('Last-Modified', httpDate(history.latest!.datetime));
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const first = versions[0]!;
    const last = versions.at(-1)!;
    if (format === 'json') {
      res.type('application/json; charset=utf-8').send(
        `${JSON.stringify(
          {
            original_uri: original.url,
            timegate_uri: iris.timegate(original.url),
            timemap_uri: { link_format: pageUrl(page, 'link'), json_format: pageUrl(page, 'json') },
            mementos: {
              first: { datetime: first.datetime.toISOString(), uri: iris.memento(first.id, original.url) },
              last: { datetime: last.datetime.toISOString(), uri: iris.memento(last.id, original.url) },
              list: listed.map((release) => ({ datetime: release.datetime.toISOString(), uri: iris.memento(release.id, original.url), release: release.id })),
            },
            ...(pages > 1 ? { pages: { count: pages, ...(page > 1 ? { prev: pageUrl(page - 1) } : {}), ...(page < pages ? { next: pageUrl(page + 1) } : {}) } } : {}),
          },
          null,
          2,
        )}\n`,
      );
      return;
    }
    const links: TimedLink[] = [
      { uri: original.url, rel: 'original' },
      { uri: pageUrl(page), rel: 'self', type: LINK_FORMAT, ...span(page) },
      { uri: iris.timegate(original.url), rel: 'timegate' },
      // Long TimeMaps come in pages, oldest first, linked like the pages of the catalogue.
      ...(page > 1 ? [{ uri: pageUrl(page - 1), rel: 'prev', type: LINK_FORMAT, ...span(page - 1) }] : []),
      ...(page < pages ? [{ uri: pageUrl(page + 1), rel: 'next', type: LINK_FORMAT, ...span(page + 1) }] : []),
      ...listed.map((release) => ({
        uri: iris.memento(release.id, original.url),
        rel: release === first && release === last ? 'first last memento' : release === first ? 'first memento' : release === last ? 'last memento' : 'memento',
        datetime: release.datetime,
      })),
    ];
    res.type(`${LINK_FORMAT}; charset=utf-8`).send(`${formatTimedLinks(links, ',\n')}\n`);
  };

  const memento = async (req: Request, res: Response) => {
    const match = /^\/memento\/([^/]+)\/(.+)$/s.exec(req.path);
    if (!match) throw new NotFoundError(`No memento is published at ${iris.url(req.path)}; mementos are /memento/{release}/{path}, listed by the TimeMaps.`);
    const release = history.get(match[1]!);
    if (!release) throw new NotFoundError(`No release ${match[1]} is published here; the releases are listed at ${iris.releases}.`);
    const original = originalOf(match[2]!);
    const versions = versionsOf(original);
    const version = original.dump ? release : history.versionAt(original.resource, release);
    if (!version) throw new NotFoundError(`${original.resource} was not published in release ${release.id}; its mementos are listed at ${iris.timemap(original.url, 'link')}.`);
    if (version !== release) {
      // The document was the same in this release as in an earlier one: its memento is that one's.
      const location = iris.memento(version.id, original.url);
      res.setHeader('Link', formatTimedLinks(timeLinks(iris, original.url)));
      res.status(302).location(location).type('text/plain; charset=utf-8').send(`See ${location}\n`);
      return;
    }
    markReplayable(res);
    if (original.dump) {
      await sendDump(req, res, original, original.dump.extension, version, versions);
      return;
    }
    const graph = await history.graph(version);
    const { store } = graph;
    const offers = offersOf(store, original.resource);
    const description = describeResource(store, original.resource);
    if (!description) throw new NotFoundError(`${original.resource} was not published in release ${release.id}.`);
    const extension = original.document?.extension;
    if (extension !== undefined && !offers.some((offer) => offer.extension === extension)) throw new NotFoundError(`No document is published at ${original.url}.`);
    const { representation, variesOnAccept, acceptOptions } = chooseRepresentation(req, extension, offers);
    res.setHeader('Memento-Datetime', httpDate(version.datetime));
    const mementoOf = (url: string) => iris.memento(version.id, url);
    const links = [...timeLinks(iris, original.url), ...neighbourLinks(iris, original.url, versions, version)];
    const options = requestedOptions(req, representation, acceptOptions);
    if (!original.document) {
      // A memento of a resource IRI answers as the IRI did: 303 to the memento of its document in the negotiated format (with a citation's options).
      const location = mementoOf(iris.documentOf(original.resource, representation.extension, options.given)!);
      res.vary('Accept');
      res.setHeader('Link', formatTimedLinks(links));
      res.setHeader('Cache-Control', IMMUTABLE);
      res.status(303).location(location).type('text/plain; charset=utf-8').send(`See ${location}\n`);
      return;
    }
    const forReaders = representation.forReaders === true;
    const languages = forReaders ? readerLanguages(req, languagesOf(store)) : [];
    const chosen = forReaders ? chosenLanguage(req) : undefined;
    if (variesOnAccept) res.vary('Accept');
    if (forReaders && !chosen) res.vary('Accept-Language');
    res.type(representation.contentType);
    // An output's page formats its reference in the style and locale asked for, as the current page does.
    const pageCitation = forReaders && recordPageFor(kinds, iris, original.resource) === 'output' ? pageCitationOptions(req) : {};
    if (extension === undefined && req.query.format === undefined) res.setHeader('Content-Location', mementoOf(iris.documentOf(original.resource, representation.extension, options.given)!));
    const alternates = distinctRepresentations(offers).map((offer) => ({ href: mementoOf(iris.documentOf(original.resource, offer.extension)!), type: offer.mediaType, title: offer.label }));
    const others = alternates.filter((link) => link.type !== representation.mediaType.split(';')[0]);
    res.setHeader('Link', formatTimedLinks([...links, ...others.map((link) => ({ uri: link.href, rel: 'alternate', type: link.type }))]));
    const { lang, text } = uiTextFor(languages);
    const contentLanguage = forReaders ? lang : representation.options?.contentLanguage?.(options.values);
    if (contentLanguage) res.setHeader('Content-Language', contentLanguage);
    const variant = documentVariant(representation.key, forReaders ? readerVariant(languages, chosen !== undefined) : undefined, Object.values(forReaders ? pageCitation : options.values));
    // Strong: the same release, resource, variant and content-coding always give the same bytes.
    res.setHeader('ETag', strongEtagOf([version.canonicalHash, original.url, variant, req.query.format ?? null, req.headers['accept-encoding'] ?? null]));
    res.setHeader('Last-Modified', httpDate(version.datetime));
    res.setHeader('Cache-Control', IMMUTABLE);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const page = () =>
      renderDocumentPage({
        store,
        iris,
        kinds,
        description,
        prefixes: version.prefixes,
        languages,
        lang,
        text,
        alternates: alternates.filter((link) => link.type !== representation.mediaType),
        dataFormats: alternates.filter((link) => offers.some((offer) => offer.format !== undefined && offer.mediaType === link.type)),
        pageUrl: mementoOf(iris.documentOf(original.resource)!),
        chosenLang: chosen,
        citation: pageCitation,
      });
    res.send(await cache.get(`memento ${version.canonicalHash} ${original.resource} ${variant}`, () => representation.produce({ description, prefixes: version.prefixes, store, site: iris, options: options.values, page })));
  };

  /** A memento of the dump: the release's whole graph, N-Triples as canonicalised, the other formats serialised from it. */
  const sendDump = async (req: Request, res: Response, original: Original, extension: string | undefined, version: Release, versions: readonly Release[]) => {
    const { representation, variesOnAccept } = chooseRepresentation(req, extension, DUMP_REPRESENTATIONS);
    if (variesOnAccept) res.vary('Accept');
    res.setHeader('Memento-Datetime', httpDate(version.datetime));
    if (extension === undefined && req.query.format === undefined) res.setHeader('Content-Location', iris.memento(version.id, iris.dump(representation.extension)));
    const others = DUMP_REPRESENTATIONS.filter((offer) => offer !== representation).map((offer) => ({ uri: iris.memento(version.id, iris.dump(offer.extension)), rel: 'alternate', type: offer.mediaType }));
    res.setHeader('Link', formatTimedLinks([...timeLinks(iris, original.url), ...neighbourLinks(iris, original.url, versions, version), ...others]));
    res.type(representation.contentType);
    res.setHeader('ETag', strongEtagOf([version.canonicalHash, 'dump', representation.key, req.headers['accept-encoding'] ?? null]));
    res.setHeader('Last-Modified', httpDate(version.datetime));
    res.setHeader('Cache-Control', IMMUTABLE);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const format = representation.format!;
    if (format.name === 'ntriples') {
      res.send(await history.canonicalText(version));
      return;
    }
    const { store } = await history.graph(version);
    res.send(await format.serialize(store.getQuads(null, null, null, null), { prefixes: version.prefixes }));
  };

  const releases = (_req: Request, res: Response) => {
    markReplayable(res);
    const current = history.currentRelease;
    const body = {
      releases: history.releases.map((release) => ({
        id: release.id,
        datetime: release.datetime.toISOString(),
        commit: release.commit,
        commits: release.commits,
        canonicalHash: release.canonicalHash,
        tripleCount: release.tripleCount,
        current: release === current,
        sparql: `${iris.sparql}?release=${release.id}`,
      })),
      ...(history.unavailable ? { unavailable: history.unavailable } : {}),
    };
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    res.type('application/json; charset=utf-8').send(`${JSON.stringify(body, null, 2)}\n`);
  };

  router.route('/timegate/*path').get(timegate).all(methodNotAllowed());
  router.route('/timemap/*path').get(timemap).all(methodNotAllowed());
  router.route('/memento/*path').get(memento).all(methodNotAllowed());
  router.route(iris.path(iris.releases)).get(releases).all(methodNotAllowed());
  return router;
}

/**
 * `doc/person/x.ttl` → `doc/person/x` and `ttl`, for extensions on offer only, the longest one the
 * path ends with (`x.csl.json` is `csl.json`), as the document route reads them.
 */
function splitExtension(path: string, extensions: ReadonlySet<string>): { path: string; extension?: string } {
  let found: { path: string; extension?: string } = { path };
  for (const extension of extensions) {
    const rest = path.slice(0, -extension.length - 1);
    if (path.length > extension.length + 1 && path.endsWith(`.${extension}`) && !rest.endsWith('/') && (found.extension === undefined || extension.length > found.extension.length)) found = { path: rest, extension };
  }
  return found;
}

/** `?page=`: absent is 1; anything but a positive integer is a 400. */
function pageNumber(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) throw new BadRequestError(`page must be a positive integer, not ${JSON.stringify(value)}.`);
  return Number(value);
}
