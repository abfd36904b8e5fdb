import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { BuildManifest } from '../build/build-dist.js';
import type { IriScheme } from '../graph/iri-scheme.js';
import { RDF_FORMATS } from '../graph/rdf-formats.js';
import type { QueryEngine } from '../store/query-engine.js';
import { releaseParameterDescription, serviceDescription, type VoidFigures } from '../store/service-description.js';
import type { OaiPmhAccess } from '../store/void-description.js';
import { BadRequestError, MethodNotAllowedError, NotAcceptableError, NotFoundError } from './http-errors.js';
import { readSparqlRequest } from './sparql-request.js';
import { answerIfFresh, chooseResultFormat, queryErrorToHttp, sendQueryStream } from './sparql-response.js';
import type { EngineLease, ReleaseQueryEngines } from '../history/release-engines.js';

/** Methods the endpoint answers (OPTIONS is answered by the CORS middleware). */
export const SPARQL_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'OPTIONS'];

/** What the endpoint is built from. */
export interface SparqlRouterOptions {
  readonly engine: QueryEngine;
  /** The site's URLs, among them the endpoint's. */
  readonly site: IriScheme;
  readonly manifest: BuildManifest;
  readonly figures?: VoidFigures;
  /** The OAI-PMH repository, named in the service description when the server has one. */
  readonly oaiPmh?: OaiPmhAccess;
  readonly maxBodyBytes: number;
  /** The HTML query page for browsers that GET the endpoint without a query; absent, they get the service description. */
  readonly queryPage?: (req: Request, res: Response) => void;
  /** Engines over past releases, for the `release` parameter; absent, the parameter is refused. */
  readonly releases?: ReleaseQueryEngines;
}

const SD_PREFIXES = {
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  void: 'http://rdfs.org/ns/void#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  formats: 'http://www.w3.org/ns/formats/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
};

/** The SPARQL 1.1 Protocol query operation at /sparql, its service description and query page. */
export function createSparqlRouter(options: SparqlRouterOptions): Router {
  const router = Router();
  const answer: RequestHandler = async (req, res, next) => {
    let lease: EngineLease | undefined;
    try {
      const request = await readSparqlRequest(req, options.maxBodyBytes);
      if (request.query === undefined) {
        if (req.method === 'POST') throw new BadRequestError('The request carries no query: send it in the query parameter or as an application/sparql-query body.');
        await describeService(req, res, request.format, options);
        return;
      }
      // `release=`: the query runs against the graph as it was in that release, on an engine of its own,
      // made only once the query has passed the checks (every engine applies the same ones) and is not answered by a 304.
      const release = releaseAsked(request.params, options);
      const manifest = release ? { ...options.manifest, contentHash: release.canonicalHash } : options.manifest;
      const prepared = await options.engine.prepare(request.query, { dataset: request.dataset });
      const format = chooseResultFormat(req, prepared.form, request.format);
      if (answerIfFresh(req, res, manifest, prepared, format, options.engine.limits.maxRows)) return;
      lease = release && release !== options.releases!.history.currentRelease ? await options.releases!.lease(release) : undefined;
      const engine = lease?.engine ?? options.engine;
      const stream = await engine.query(request.query, { mediaType: format.mediaType, dataset: request.dataset });
      await sendQueryStream(req, res, stream, format, engine.limits.maxRows, prepared.repeatable);
    } catch (error) {
      next(queryErrorToHttp(error));
    } finally {
      lease?.done();
    }
  };
  const path = options.site.path(options.site.sparql);
  router.get(path, answer);
  router.post(path, answer);
  router.all(path, (req, _res, next) => next(new MethodNotAllowedError(req.method, SPARQL_METHODS)));
  return router;
}

/** The release a request's `release` parameter names, if any; 400 for several, an unknown one, or an endpoint without releases. */
function releaseAsked(params: URLSearchParams, options: SparqlRouterOptions) {
  const asked = params.getAll('release');
  if (asked.length === 0) return undefined;
  if (asked.length > 1) throw new BadRequestError('The request carries more than one release parameter.');
  const history = options.releases?.history;
  if (!history || history.releases.length === 0) throw new BadRequestError(`This endpoint has no releases to query${history?.unavailable ? ` (${history.unavailable})` : ''}; send the query without release.`);
  const release = history.get(asked[0]!);
  if (!release) {
    throw new BadRequestError(`No release "${asked[0]}" is published here; release takes the id of one listed at ${options.site.releases}, such as ${history.latest!.id}.`, { releases: history.releases.map((known) => known.id) });
  }
  return release;
}

/** What the query page and the service description are made from. */
type ServiceOptions = Pick<SparqlRouterOptions, 'site' | 'manifest' | 'figures' | 'queryPage' | 'releases' | 'oaiPmh'>;

/**
 * `/sparql` of a site whose SPARQL endpoint is elsewhere, or that has none (a
 * static export): the query page for browsers and the service description of
 * that endpoint for RDF clients, as the own endpoint answers them; a query
 * (`?query=`, or any POST) is sent on to the endpoint with 307, which keeps the
 * method and body, or is a 404 when there is none.
 */
export function createQueryPageRouter(options: ServiceOptions): Router {
  const router = Router();
  const path = options.site.path(options.site.sparql);
  const endpoint = options.site.sparqlEndpoint;
  const forward: RequestHandler = (req, res) => {
    if (endpoint === undefined) throw new NotFoundError(`This site has no SPARQL endpoint, so ${options.site.sparql} answers no queries; download the whole graph from ${options.site.dump()} to query it.`);
    const search = req.originalUrl.indexOf('?');
    const location = `${endpoint}${search === -1 ? '' : req.originalUrl.slice(search)}`;
    res.status(307).location(location).type('text/plain; charset=utf-8').send(`See ${location}\n`);
  };
  router.get(path, async (req, res, next) => {
    if (req.query.query !== undefined) return forward(req, res, next);
    const format = req.query.format;
    if (format !== undefined && typeof format !== 'string') throw new BadRequestError('format must be given once.');
    await describeService(req, res, format, options);
  });
  router.post(path, forward);
  const allowed = endpoint === undefined ? ['GET', 'HEAD', 'OPTIONS'] : SPARQL_METHODS;
  router.all(path, (req, _res, next) => next(new MethodNotAllowedError(req.method, allowed)));
  return router;
}

async function describeService(req: Request, res: Response, format: string | undefined, options: ServiceOptions): Promise<void> {
  // A site without an endpoint has no service to describe: only the page that says so.
  const endpoint = options.site.sparqlEndpoint;
  const offers = [...(endpoint === undefined ? [] : RDF_FORMATS.map((candidate) => candidate.mediaType)), ...(options.queryPage ? ['text/html'] : [])];
  const chosen = format === undefined ? req.accepts(offers) : offers.find((offer) => offer === format) ?? RDF_FORMATS.find((candidate) => candidate.name === format)?.mediaType ?? (format === 'html' && options.queryPage ? 'text/html' : undefined);
  if (!chosen) throw new NotAcceptableError(format === undefined ? (req.get('Accept') ?? '') : `format=${format}`, offers);
  res.vary('Accept');
  if (chosen === 'text/html' && options.queryPage) {
    options.queryPage(req, res);
    return;
  }
  const rdfFormat = RDF_FORMATS.find((candidate) => candidate.mediaType === chosen)!;
  const releases = options.releases?.history.releases ?? [];
  const quads = [...serviceDescription(endpoint!, options.manifest, options.figures, [], options.oaiPmh), ...(releases.length > 0 ? releaseParameterDescription(endpoint!, options.site.releases, releases) : [])];
  res.type(`${rdfFormat.mediaType}; charset=utf-8`).send(await rdfFormat.serialize(quads, { prefixes: SD_PREFIXES }));
}
