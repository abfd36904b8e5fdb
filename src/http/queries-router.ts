import { Router } from 'express';
import { bindParameters, ParameterError, type NamedQuery } from '../store/named-queries.js';
import type { QueryEngine } from '../store/query-engine.js';
import { BadRequestError, MethodNotAllowedError, NotFoundError } from './http-errors.js';
import { chooseResultFormat, queryErrorToHttp, sendQueryStream } from './sparql-response.js';

/** What the named-query API is built from. */
export interface QueriesRouterOptions {
  readonly engine: QueryEngine;
  readonly queries: readonly NamedQuery[];
  /** The public base, for `{base}` in parameter defaults and for links. */
  readonly base: string;
}

/** GET /queries (the list) and GET /queries/{name} (results, negotiated like /sparql). */
export function createQueriesRouter(options: QueriesRouterOptions): Router {
  const router = Router();
  const byName = new Map(options.queries.map((query) => [query.name, query]));
  router.get('/queries', (_req, res) => {
    res.json({
      queries: options.queries.map((query) => ({
        name: query.name,
        title: query.title,
        description: query.description,
        url: `${options.base}queries/${query.name}`,
        parameters: query.parameters,
        query: query.text,
      })),
      openapi: `${options.base}openapi.json`,
    });
  });
  router.get('/queries/:name', async (req, res, next) => {
    try {
      const query = byName.get(req.params.name);
      if (!query) throw new NotFoundError(`There is no named query "${req.params.name}"; see ${options.base}queries.`);
      const params = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');
      const format = params.get('format') ?? undefined;
      params.delete('format');
      const values = new Map<string, string>();
      for (const [name, value] of params) {
        if (values.has(name)) throw new BadRequestError(`The parameter "${name}" is given more than once.`);
        values.set(name, value);
      }
      let bindings;
      try {
        bindings = bindParameters(query, values, options.base);
      } catch (error) {
        if (error instanceof ParameterError) throw new BadRequestError(error.message);
        throw error;
      }
      const prepared = options.engine.prepare(query.text, { bindings });
      const chosen = chooseResultFormat(req, prepared.form, format);
      const stream = await options.engine.query(query.text, { mediaType: chosen.mediaType, bindings });
      await sendQueryStream(req, res, stream, chosen, options.engine.limits.maxRows);
    } catch (error) {
      next(queryErrorToHttp(error));
    }
  });
  router.all(['/queries', '/queries/:name'], (req, _res, next) => next(new MethodNotAllowedError(req.method, ['GET', 'HEAD', 'OPTIONS'])));
  return router;
}
