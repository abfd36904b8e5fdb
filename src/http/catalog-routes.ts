import { Router, type Request, type Response } from 'express';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { DataFactory } from 'n3';
import type { Literal } from '@rdfjs/types';
import { IriScheme } from '../graph/iri-scheme.js';
import { DCT, HYDRA } from '../graph/namespaces.js';
import { catalogPage, type CatalogPage } from '../store/catalog-paging.js';
import type { ReleaseChanges } from '../history/release-changes.js';
import { labelsOf } from '../store/describe-resource.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { renderCatalogPage } from '../pages/catalog-page.js';
import { BadRequestError, NotFoundError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { chosenLanguage, readerLanguages, readerVariant } from './reader-language.js';
import { firstInReaderLanguage, offeredLanguages } from '../pages/reader-language.js';
import { chooseRepresentation, DOCUMENT_REPRESENTATIONS, HTML_REPRESENTATION, offeredExtensions, type Representation } from './representations.js';
import { markReplayable } from './response-replay.js';
import { schemaOrgJsonLd } from '../pages/schema-org-json-ld.js';
import { uiTextFor } from '../pages/ui-text.js';
import { setValidators, weakEtag } from './validators.js';
import { formatLinkHeader, type WebLink } from './web-links.js';

/** Datasets per catalogue page unless CATALOG_PAGE_SIZE says otherwise. */
export const DEFAULT_CATALOG_PAGE_SIZE = 100;

/** What the catalogue routes read. */
export interface CatalogRouteDependencies {
  readonly graph: PublishedGraph;
  readonly baseUrl: string;
  /** The site's URLs when they differ from the default for baseUrl (a SPARQL endpoint elsewhere, or none); built from baseUrl when absent. */
  readonly site?: IriScheme;
  /** Datasets per page; DEFAULT_CATALOG_PAGE_SIZE when absent. */
  readonly catalogPageSize?: number;
  /** What changed in each release, when the server keeps a history: `modified_since` then agrees with the change stream. */
  readonly changes?: () => Promise<ReleaseChanges>;
}

/**
 * The catalogue's formats in the order that breaks ties: RDF first, Turtle
 * leading, because harvesters (CKAN's DCAT harvester among them) send
 * `Accept: *\/*` or nothing and must never get HTML; browsers ask for
 * text/html by name and still get a page.
 */
export const CATALOG_REPRESENTATIONS: readonly Representation[] = [...DOCUMENT_REPRESENTATIONS.filter((offer) => offer.format !== undefined), HTML_REPRESENTATION];

/** The one-format representations, for Link alternates. */
const DISTINCT_FORMATS: readonly Representation[] = CATALOG_REPRESENTATIONS.filter((offer) => !offer.legacy && offer.jsonLdProfile === undefined);

/**
 * `/catalog` (negotiated) and `/catalog.{ttl,jsonld,nt,rdf,…,html}`: the DCAT
 * catalogue for harvesters, in pages (`?page=`, Hydra paging links), with
 * `?modified_since=` for incremental harvests.
 */
export function createCatalogRouter(deps: CatalogRouteDependencies): Router {
  const iris = deps.site ?? new IriScheme(deps.baseUrl);
  const { store, manifest } = deps.graph;
  const catalog = iris.catalog.value;
  const pageSize = deps.catalogPageSize ?? DEFAULT_CATALOG_PAGE_SIZE;
  const languages = offeredLanguages(store);
  const extensions = offeredExtensions(CATALOG_REPRESENTATIONS);
  const prefixes = { ...manifest.prefixes, hydra: HYDRA.iri };

  const send = async (req: Request, res: Response, extension: string | undefined) => {
    // A page depends only on the URL and the negotiation headers, and harvesters repeat it; errors are never replayed.
    markReplayable(res);
    if (extension !== undefined && !extensions.has(extension)) throw new NotFoundError(`There is no catalogue ${iris.catalogPages(extension)}; see ${iris.catalogPages()}.`);
    const page = pageNumber(req.query.page);
    const since = modifiedSince(req.query.modified_since);
    const format = typeof req.query.format === 'string' ? req.query.format : undefined;
    const { representation, variesOnAccept } = chooseRepresentation(req, extension, CATALOG_REPRESENTATIONS);
    const url = (n: number, ext = extension) => pageUrl(iris, ext, n, since?.raw, format);
    const changedAt = since && deps.changes ? lastChange(await deps.changes()) : undefined;
    const result = catalogPage(store, catalog, { page, pageSize, modifiedSince: since?.instant, changedAt }, { collection: iris.catalogPages(), page: (n) => url(n) });
    if (!result) throw new NotFoundError(`The catalogue has no page ${page}${since ? ` of datasets modified since ${since.raw}` : ''}; see ${url(1)}.`);

    const isHtml = representation.forReaders === true;
    const reader = isHtml ? readerLanguages(req, languages) : [];
    const chosen = isHtml ? chosenLanguage(req) : undefined;
    if (variesOnAccept) res.vary('Accept');
    // A language picked with ?lang= does not depend on Accept-Language, and changes the page's links.
    if (isHtml && !chosen) res.vary('Accept-Language');
    res.type(representation.contentType);
    if (extension === undefined && format === undefined) res.setHeader('Content-Location', url(page, representation.extension));
    res.setHeader('Link', formatLinkHeader(catalogLinks(result, representation, url)));
    const { lang, text } = uiTextFor(reader);
    if (isHtml) res.setHeader('Content-Language', lang);
    const etag = weakEtag(manifest, `catalog-${isHtml ? `html-${readerVariant(reader, chosen !== undefined)}` : representation.key}-${page}-${since?.instant.toISOString() ?? 'all'}`);
    if (setValidators(req, res, manifest, etag)) {
      res.status(304).end();
      return;
    }
    if (representation.format) {
      res.send(await representation.format.serialize(result.quads, { prefixes, jsonLdProfile: representation.jsonLdProfile }));
      return;
    }
    const title = firstInReaderLanguage(labelsOf(store, iris.catalog), reader)?.value ?? text.catalog;
    const description = firstInReaderLanguage(store.getObjects(catalog, DCT.description, null).filter((term) => term.termType === 'Literal') as Literal[], reader);
    const name = (iri: string) => firstInReaderLanguage(labelsOf(store, DataFactory.namedNode(iri)), reader)?.value ?? iri;
    res.send(
      renderCatalogPage({
        lang,
        text,
        site: iris,
        chosenLang: chosen,
        title,
        description,
        totalItems: result.totalItems,
        page: result.page,
        lastPage: result.lastPage,
        datasets: result.datasets.map((dataset) => ({ href: iris.documentOf(dataset.value) ?? dataset.value, name: name(dataset.value) })),
        pageUrl: url,
        formats: DISTINCT_FORMATS.filter((offer) => offer.format).map((offer) => ({ extension: offer.extension, mediaType: offer.mediaType, label: offer.label })),
        jsonLd: await schemaOrgJsonLd(catalog, result.quads),
      }),
    );
  };

  const router = Router({ caseSensitive: true, strict: true });
  router.route(iris.path(iris.catalogPages())).get((req, res) => send(req, res, undefined)).all(methodNotAllowed());
  router.route(`${iris.path(iris.catalogPages())}.:extension`).get((req, res) => send(req, res, req.params.extension)).all(methodNotAllowed());
  return router;
}

/** When a dataset's description last changed in a release (its latest creation or update), as the change stream says. */
function lastChange(changes: ReleaseChanges): (dataset: string) => Date | undefined {
  return (dataset) => [...changes.of(dataset)].reverse().find((change) => change.kind !== 'removed')?.release.datetime;
}

/** `?page=`: absent means 1; anything but a positive integer is a bad request. */
function pageNumber(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) throw new BadRequestError(`page must be a positive integer, not ${JSON.stringify(value)}.`);
  return Number(value);
}

/**
 * `?modified_since=`: an ISO 8601 date or date-time (RFC 3339 profile, as
 * ajv-formats checks it, calendar included); a time without zone is UTC.
 */
function modifiedSince(value: unknown): { raw: string; instant: Date } | undefined {
  if (value === undefined) return undefined;
  const raw = typeof value === 'string' ? value : undefined;
  // ISO 8601 lets seconds be left out (12:30Z); RFC 3339, which ajv-formats checks, does not.
  const full = raw?.replace(/^(.{10}[Tt ]\d\d:\d\d)(?=$|[Zz+-])/, '$1:00');
  if (raw !== undefined && full !== undefined && (matchesFormat('date', full) || matchesFormat('iso-date-time', full))) {
    const zoned = full.length === 10 || /(?:z|[+-]\d\d(?::?\d\d)?)$/i.test(full.slice(10)) ? full : `${full}Z`;
    const time = Date.parse(zoned.replace(' ', 'T'));
    if (!Number.isNaN(time)) return { raw, instant: new Date(time) };
  }
  throw new BadRequestError(`modified_since must be an ISO 8601 date or date-time such as 2024-01-31 or 2024-01-31T12:00:00Z, not ${JSON.stringify(value)}.`);
}

function matchesFormat(name: 'date' | 'iso-date-time', value: string): boolean {
  const definition: unknown = fullFormats[name];
  const validate = typeof definition === 'object' && definition !== null && 'validate' in definition ? definition.validate : definition;
  return typeof validate === 'function' ? Boolean((validate as (text: string) => unknown)(value)) : validate instanceof RegExp ? validate.test(value) : false;
}

/** The absolute public URL of a page: always under BASE_URL, never the host the request came in on. */
function pageUrl(iris: IriScheme, extension: string | undefined, page: number, since: string | undefined, format: string | undefined): string {
  const query = new URLSearchParams();
  if (format !== undefined) query.set('format', format);
  if (since !== undefined) query.set('modified_since', since);
  query.set('page', String(page));
  return `${iris.catalogPages(extension)}?${query}`;
}

/** Link header: this page in the other formats, and the paging relations of RFC 8288 (first, next, last). */
function catalogLinks(page: CatalogPage, current: Representation, url: (n: number, extension?: string) => string): WebLink[] {
  const others = DISTINCT_FORMATS.filter((offer) => offer.mediaType !== current.mediaType.split(';')[0]);
  return [
    ...others.map((offer) => ({ uri: url(page.page, offer.extension), rel: 'alternate', type: offer.mediaType })),
    { uri: url(1), rel: 'first' },
    ...(page.page < page.lastPage ? [{ uri: url(page.page + 1), rel: 'next' }] : []),
    { uri: url(page.lastPage), rel: 'last' },
  ];
}
