import contentType from 'content-type';
import type { Request } from 'express';
import getRawBody from 'raw-body';
import type { ProtocolDataset } from '../store/prepare-query.js';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './http-errors.js';

/** The media types a query may be POSTed in. */
export const QUERY_BODY_TYPES: readonly string[] = ['application/x-www-form-urlencoded', 'application/sparql-query'];

/** A SPARQL protocol request, read and checked. */
export interface SparqlRequest {
  /** The query text; undefined when the request carries none (a service description or the query page). */
  readonly query?: string;
  readonly dataset: ProtocolDataset;
  /** The `format` override, if given. */
  readonly format?: string;
  /** All parameters, URL and form body merged, for routes with their own (named queries). */
  readonly params: URLSearchParams;
}

/**
 * Reads the query operation from GET parameters, a form body or a direct
 * `application/sparql-query` body, as SPARQL 1.1 Protocol §2.1 says; refuses
 * updates, repeated `query`, bodies of other media types or charsets, and
 * bodies over the size limit.
 */
export async function readSparqlRequest(req: Request, maxBodyBytes: number): Promise<SparqlRequest> {
  // URLSearchParams rather than Express's query parser: repeated parameters must stay
  // a list in order, and `qs` would turn brackets in a graph IRI into nested objects.
  const params = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');
  let directQuery: string | undefined;
  if (req.method === 'POST') {
    const type = bodyType(req);
    const body = await readBody(req, maxBodyBytes);
    if (type === 'application/x-www-form-urlencoded') {
      for (const [name, value] of new URLSearchParams(body)) params.append(name, value);
    } else {
      directQuery = body;
    }
  }
  if (params.has('update') || params.has('using-graph-uri') || params.has('using-named-graph-uri')) {
    throw new BadRequestError('SPARQL Update is not allowed: this endpoint is read-only. Send a query with the query parameter.');
  }
  const queries = [...params.getAll('query'), ...(directQuery === undefined ? [] : [directQuery])];
  if (queries.length > 1) throw new BadRequestError(`The request carries ${queries.length} queries; send exactly one.`);
  const formats = params.getAll('format');
  if (formats.length > 1) throw new BadRequestError('The request carries more than one format parameter.');
  return {
    query: queries[0],
    dataset: { defaultGraphs: params.getAll('default-graph-uri'), namedGraphs: params.getAll('named-graph-uri') },
    format: formats[0],
    params,
  };
}

function bodyType(req: Request): string {
  const header = req.headers['content-type'];
  if (!header) {
    throw new UnsupportedMediaTypeError(`A POSTed query needs a Content-Type: ${QUERY_BODY_TYPES.join(' or ')}.`, QUERY_BODY_TYPES);
  }
  let parsed: contentType.ParsedMediaType;
  try {
    parsed = contentType.parse(header);
  } catch {
    throw new BadRequestError(`Content-Type "${header}" is malformed.`);
  }
  if (parsed.type === 'application/sparql-update') {
    throw new UnsupportedMediaTypeError('SPARQL Update is not allowed: this endpoint is read-only, so application/sparql-update bodies are not accepted.', QUERY_BODY_TYPES);
  }
  if (!QUERY_BODY_TYPES.includes(parsed.type)) {
    throw new UnsupportedMediaTypeError(`A query body of type ${parsed.type} is not accepted; use ${QUERY_BODY_TYPES.join(' or ')}.`, QUERY_BODY_TYPES);
  }
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError(`A query body in charset ${charset} is not accepted; SPARQL bodies are UTF-8.`, QUERY_BODY_TYPES);
  }
  return parsed.type;
}

/** A request body as UTF-8 text: 413 past `maxBodyBytes`, 400 when it is cut short or not UTF-8. */
export async function readBody(req: Request, maxBodyBytes: number): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await getRawBody(req, { limit: maxBodyBytes, length: req.headers['content-length'] });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw new PayloadTooLargeError(`The request body is larger than ${maxBodyBytes} bytes, this endpoint's limit.`);
    }
    // raw-body marks what the client did (an aborted or short body) with a 4xx status; anything else is the server's failure.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) throw new BadRequestError(`The request body could not be read: ${(error as Error).message}`);
    throw error;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError('The request body is not valid UTF-8.');
  }
}
