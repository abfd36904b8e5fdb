import contentType from 'content-type';
import { Router, type Request, type Response } from 'express';
import { IriScheme } from '../graph/iri-scheme.js';
import { answerOaiRequest, type OaiArguments } from '../harvest/oai-pmh.js';
import { OaiRepository, type OaiSettings } from '../harvest/oai-repository.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { BadRequestError, NotFoundError, UnsupportedMediaTypeError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { readBody } from './sparql-request.js';

/** Items per page of OAI-PMH lists unless OAI_PAGE_SIZE says otherwise. */
export const DEFAULT_OAI_PAGE_SIZE = 100;

/** The largest POSTed request read: an OAI-PMH request is a handful of short arguments. */
const MAX_BODY_BYTES = 16 * 1024;

/** The OAI-PMH endpoint's settings: who answers for the repository (required by the protocol), the page size, and the clock of responseDate. */
export interface OaiEndpointSettings extends Omit<OaiSettings, 'pageSize'> {
  readonly pageSize?: number;
  /** The time a response is dated; the system clock by default. */
  readonly now?: () => Date;
}

/** What the OAI-PMH route reads. */
export interface OaiRouteDependencies {
  readonly graph: PublishedGraph;
  readonly baseUrl: string;
  /** Without them (no OAI_ADMIN_EMAIL) the endpoint says it is not enabled. */
  readonly oai?: OaiEndpointSettings;
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * `{base}oai`: the OAI-PMH 2.0 repository of the outputs, by GET or by POST of
 * a form (section 3.1.1). Protocol errors are OAI-PMH documents with HTTP
 * 200, as the protocol says; only what is wrong at the HTTP level (a method, a
 * body type or size) is an HTTP error.
 */
export function createOaiRouter(deps: OaiRouteDependencies): Router {
  const iris = new IriScheme(deps.baseUrl);
  const router = Router({ caseSensitive: true, strict: true });
  const path = iris.path(iris.oai);
  const settings = deps.oai;
  if (!settings) {
    router.all(path, () => {
      throw new NotFoundError(`This server has no OAI-PMH endpoint: its operator has not set OAI_ADMIN_EMAIL, the address OAI-PMH requires Identify to give. The outputs are harvestable as DCAT at ${iris.catalogPages()}.`);
    });
    return router;
  }
  // Built on first use, then kept: the graph never changes while it is served.
  let repository: OaiRepository | undefined;
  const now = settings.now ?? (() => new Date());
  const send = (res: Response, args: OaiArguments) => {
    repository ??= new OaiRepository(deps.graph.store, iris, { adminEmails: settings.adminEmails, pageSize: settings.pageSize ?? DEFAULT_OAI_PAGE_SIZE });
    res.type('text/xml; charset=utf-8').send(answerOaiRequest(repository, args, now()));
  };
  router
    .route(path)
    .get((req, res) => send(res, queryArguments(req)))
    .post(async (req, res) => {
      checkFormBody(req);
      const body = await readBody(req, MAX_BODY_BYTES);
      send(res, [...queryArguments(req), ...new URLSearchParams(body)]);
    })
    .all(methodNotAllowed(['GET', 'HEAD', 'POST', 'OPTIONS']));
  return router;
}

/**
 * The arguments of the URL's query string, in order and with repeats: a
 * repeated argument is an OAI-PMH error, so Express's parsed `req.query`
 * (which merges repeats and reads brackets as nesting) will not do.
 */
function queryArguments(req: Request): OaiArguments {
  const at = req.originalUrl.indexOf('?');
  return at < 0 ? [] : [...new URLSearchParams(req.originalUrl.slice(at + 1))];
}

/** A POSTed request is a UTF-8 form (OAI-PMH 2.0, section 3.1.1.2); any other body is refused with 415. */
function checkFormBody(req: Request): void {
  const header = req.headers['content-type'];
  if (!header) throw new UnsupportedMediaTypeError(`An OAI-PMH request sent by POST needs Content-Type: ${FORM}.`, [FORM]);
  let parsed: contentType.ParsedMediaType;
  try {
    parsed = contentType.parse(header);
  } catch {
    throw new BadRequestError(`Content-Type "${header}" is malformed.`);
  }
  if (parsed.type !== FORM) throw new UnsupportedMediaTypeError(`An OAI-PMH request body of type ${parsed.type} is not accepted; send the arguments as ${FORM}.`, [FORM]);
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new UnsupportedMediaTypeError(`An OAI-PMH request body in charset ${charset} is not accepted; send UTF-8.`, [FORM]);
}
