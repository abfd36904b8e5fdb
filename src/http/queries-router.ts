import { Router } from 'express';
import type { BuildManifest } from '../build/build-dist.js';
import type { IriScheme } from '../graph/iri-scheme.js';
import { bindParameters, ParameterError, type NamedQuery } from '../store/named-queries.js';
import type { QueryEngine } from '../store/query-engine.js';
import { BadRequestError, MethodNotAllowedError, NotFoundError } from './http-errors.js';
import { renderQueriesPage } from '../pages/queries-page.js';
import { chosenLanguage, readerLanguages } from './reader-language.js';
import { UI_LANGUAGES, uiTextFor } from '../pages/ui-text.js';
import { answerIfFresh, chooseResultFormat, queryErrorToHttp, sendQueryStream } from './sparql-response.js';

/** What the named-query API is built from. */
export interface QueriesRouterOptions {
  readonly engine: QueryEngine;
  readonly queries: readonly NamedQuery[];
  /** The site's URLs: the base for `{base}` in parameter defaults, and the links. */
  readonly site: IriScheme;
  /** The build's manifest, whose content hash the results' ETags start with. */
  readonly manifest: BuildManifest;
}

/** GET /queries (the list) and GET /queries/{name} (results, negotiated like /sparql). */
export function createQueriesRouter(options: QueriesRouterOptions): Router {
  const { site } = options;
  const router = Router();
  const byName = new Map(options.queries.map((query) => [query.name, query]));
  router.get(site.path(site.queries), (req, res) => {
    res.vary('Accept');
    // Browsers get the list as a page; `?format=json` (the page's own link) or any other client gets JSON.
    if (req.query.format !== 'json' && req.accepts(['application/json', 'text/html']) === 'text/html') {
      const chosen = chosenLanguage(req);
      const { lang, text } = uiTextFor(readerLanguages(req, UI_LANGUAGES));
      if (!chosen) res.vary('Accept-Language');
      res.setHeader('Content-Language', lang);
      res.type('text/html; charset=utf-8').send(renderQueriesPage({ lang, text, site, queries: options.queries, chosenLang: chosen }));
      return;
    }
    res.json({
      queries: options.queries.map((query) => ({
        name: query.name,
        title: query.title,
        description: query.description,
        url: site.query(query.name),
        parameters: query.parameters,
        query: query.text,
      })),
      openapi: site.openapi,
    });
  });
  router.get(`${site.path(site.queries)}/:name`, async (req, res, next) => {
    try {
      const query = byName.get(req.params.name);
      if (!query) throw new NotFoundError(`There is no named query "${req.params.name}"; see ${site.queries}.`);
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
        bindings = bindParameters(query, values, site.base);
      } catch (error) {
        if (error instanceof ParameterError) throw new BadRequestError(error.message);
        throw error;
      }
      const prepared = await options.engine.prepare(query.text, { bindings });
      const chosen = chooseResultFormat(req, prepared.form, format);
      if (answerIfFresh(req, res, options.manifest, prepared, chosen, options.engine.limits.maxRows)) return;
      const stream = await options.engine.query(query.text, { mediaType: chosen.mediaType, bindings });
      await sendQueryStream(req, res, stream, chosen, options.engine.limits.maxRows, prepared.repeatable);
    } catch (error) {
      next(queryErrorToHttp(error));
    }
  });
  router.all([site.path(site.queries), `${site.path(site.queries)}/:name`], (req, _res, next) => next(new MethodNotAllowedError(req.method, ['GET', 'HEAD', 'OPTIONS'])));
  return router;
}
