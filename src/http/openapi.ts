import { Router } from 'express';
import type { IriScheme } from '../graph/iri-scheme.js';
import type { NamedQuery, ParameterType } from '../store/named-queries.js';
import { RESULT_FORMATS } from '../store/result-formats.js';

const SCHEMAS: Readonly<Record<ParameterType, object>> = {
  iri: { type: 'string', format: 'iri' },
  string: { type: 'string' },
  integer: { type: 'integer' },
};

/** The OpenAPI 3.1 description of /sparql and of every named query. */
export function openApiDocument(queries: readonly NamedQuery[], iris: IriScheme): object {
  const base = iris.base;
  const results = Object.fromEntries(RESULT_FORMATS.map((format) => [format.mediaType, { schema: { type: format.name === 'json' ? 'object' : 'string' } }]));
  const problem = { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: { type: 'object' } } } };
  const paths: Record<string, object> = {
    [iris.path(iris.sparql)]: {
      get: {
        summary: 'SPARQL 1.1 query (or, without a query, the service description)',
        parameters: [
          { name: 'query', in: 'query', schema: { type: 'string' } },
          { name: 'default-graph-uri', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'named-graph-uri', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'format', in: 'query', schema: { type: 'string' }, description: 'Overrides Accept: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml or a media type.' },
        ],
        responses: { 200: { description: 'Results', content: results }, 400: problem, 406: problem, 503: problem },
      },
      post: {
        summary: 'SPARQL 1.1 query in a form or application/sparql-query body',
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { query: { type: 'string' } } } }, 'application/sparql-query': { schema: { type: 'string' } } } },
        responses: { 200: { description: 'Results', content: results }, 400: problem, 413: problem, 415: problem, 503: problem },
      },
    },
    [iris.path(iris.queries)]: { get: { summary: 'The named queries', responses: { 200: { description: 'The list', content: { 'application/json': { schema: { type: 'object' } } } } } } },
  };
  for (const query of queries) {
    paths[iris.path(iris.query(query.name))] = {
      get: {
        operationId: query.name,
        summary: query.title,
        description: `${query.description}\n\n\`\`\`sparql\n${query.text}\`\`\``,
        parameters: [
          ...query.parameters.map((parameter) => ({
            name: parameter.name,
            in: 'query',
            required: parameter.required,
            description: parameter.description.replaceAll('{base}', base),
            schema: { ...SCHEMAS[parameter.type], ...(parameter.default === undefined ? {} : { default: parameter.default.replaceAll('{base}', base) }) },
          })),
          { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: RESULT_FORMATS.map((format) => format.name) } },
        ],
        responses: { 200: { description: 'Results', content: results }, 400: problem, 406: problem, 503: problem },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Open Smart Cities Guide: SPARQL endpoint and named queries', version: '1.0.0' },
    servers: [{ url: base.replace(/\/$/, '') }],
    paths,
  };
}

/** GET /openapi.json. */
export function createOpenApiRouter(queries: readonly NamedQuery[], iris: IriScheme): Router {
  const router = Router();
  const document = openApiDocument(queries, iris);
  router.get(iris.path(iris.openapi), (_req, res) => {
    res.type('application/json').send(JSON.stringify(document, null, 2));
  });
  return router;
}
