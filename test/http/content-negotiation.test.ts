import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutMalformedWeights } from '../../src/http/accept-header.js';
import { REPRESENTATIONS } from '../../src/http/representations.js';
import { close, createTestServer, FIXTURE_DATA, listen, type TestServer } from './linked-data-fixture.js';
import { httpClient, type Fetch } from '../support/http-client.js';
import { describeNegotiation, describeRepresentationsPerResource, TEST_REPRESENTATION } from '../support/negotiation-suite.js';
import { FIREFOX_ACCEPT } from '../support/negotiation-tables.js';

// Content negotiation as tables of cases (test/support/negotiation-tables.ts), run here against the
// Express app over loopback; test/clients/static-export-nginx.test.ts runs the same suites against
// nginx serving a static export.

let server: TestServer;
let http: { server: Server; origin: string };
let fetch: Fetch;
let extended: TestServer;
let extendedHttp: { server: Server; origin: string };
let fetchExtended: Fetch;

beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
  http = await listen(server.app);
  fetch = httpClient(http.origin);
  extended = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA, representations: REPRESENTATIONS.with(TEST_REPRESENTATION) });
  extendedHttp = await listen(extended.app);
  fetchExtended = httpClient(extendedHttp.origin);
});
afterAll(async () => {
  await close(http.server);
  await close(extendedHttp.server);
});

describeNegotiation(() => ({ fetch, base: server.base, graph: server.graph }));
describeRepresentationsPerResource(() => ({ fetch: fetchExtended, base: extended.base, graph: extended.graph }));

const SELECT = `/sparql?query=${encodeURIComponent('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1')}`;

/** The same rule for SPARQL results and the named-query list, which only the server has: [path, Accept, status, media type]. */
const MALFORMED_ACCEPT_SPARQL_CASES: readonly [string, string, number, string][] = [
  [SELECT, '*/*;q=foo', 200, 'application/sparql-results+json'],
  [SELECT, 'text/csv;q=', 200, 'text/csv'],
  [SELECT, ';;;', 200, 'application/sparql-results+json'],
  [SELECT, 'application/sparql-results+xml;q=foo, application/sparql-results+json;q=0.5', 200, 'application/sparql-results+xml'],
  ['/queries', 'text/html;q=foo, application/json;q=0.5', 200, 'text/html'],
];

describe('a malformed Accept header, on SPARQL', () => {
  it.each(MALFORMED_ACCEPT_SPARQL_CASES)('%s with Accept: %s → %i as %s', async (path, accept, status, mediaType) => {
    const response = await request(server.app).get(path).set('Accept', accept);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
  });

  it.each([
    [FIREFOX_ACCEPT, FIREFOX_ACCEPT],
    ['text/turtle; Q = 0.5', 'text/turtle; Q = 0.5'],
    ['text/turtle;q=1.000', 'text/turtle;q=1.000'],
    ['text/turtle;q=1.0001', 'text/turtle'],
    ['text/html;level=1;q=0.5x', 'text/html;level=1'],
    ['application/ld+json;profile="a, b;q=x";q=bad', 'application/ld+json;profile="a, b;q=x"'],
    ['a/b;x="unterminated, c/d', 'a/b;x="unterminated, c/d'],
    ['garbage, text/turtle', 'text/turtle'],
    [',,,', undefined],
    ['', undefined],
  ])('Accept: %s is read as %s', (accept, read) => {
    expect(withoutMalformedWeights(accept)).toBe(read);
  });
});
