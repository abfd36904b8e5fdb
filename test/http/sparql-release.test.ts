import { Parser } from 'n3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { FIXTURE_RELEASES } from '../support/fixture-history.js';
import { createHistoryServer, type HistoryServer } from '../support/history-server.js';
import { runEngineFor } from '../support/run-engine.js';
import { parseJsonBoolean, parseJsonRows } from '../support/sparql-results.js';

// SPARQL's `release` parameter over the fixture history: test-report was retitled in the third
// release, test-added added in the second, test-faq removed in the fourth (the current graph).

const BASE = 'http://localhost:3000/';
const { base: R1, added: R2, retitled: R3, removed: R4 } = FIXTURE_RELEASES;
const TITLE = `SELECT ?title WHERE { <${BASE}id/output/test-report> <http://purl.org/dc/terms/title> ?title FILTER (lang(?title) = "en") }`;
const has = (slug: string) => `ASK { <${BASE}id/output/${slug}> a <http://www.w3.org/ns/dcat#Dataset> }`;
const JSON_RESULTS = 'application/sparql-results+json';

let server: HistoryServer;
beforeAll(async () => {
  server = await createHistoryServer();
});
afterAll(async () => {
  await server?.close();
});

const query = (text: string, release?: string) => request(server.app).get('/sparql').query({ query: text, ...(release ? { release } : {}) }).set('Accept', JSON_RESULTS);
const title = async (release?: string) => parseJsonRows((await query(TITLE, release)).text).map((row) => row.title!.value);

describe('SPARQL against a past release', () => {
  it.each([
    ['the current graph, without release', undefined, ['Revised Test Report']],
    ['the first release', R1, ['Test Report']],
    ['the second release', R2, ['Test Report']],
    ['the third release, which changed it', R3, ['Revised Test Report']],
    ['the current release by its id', R4, ['Revised Test Report']],
  ])('answers from %s', async (_case, release, expected) => {
    expect(await title(release)).toEqual(expected);
  });

  it.each([
    ['test-added', R1, false],
    ['test-added', R2, true],
    ['test-faq', R3, true],
    ['test-faq', R4, false],
    ['test-faq', undefined, false],
  ])('knows whether %s was published in release %s', async (slug, release, expected) => {
    const response = await query(has(slug), release);
    expect(response.status).toBe(200);
    expect(parseJsonBoolean(response.text)).toBe(expected);
  });

  it('takes release as a form field of a POST too', async () => {
    const response = await request(server.app).post('/sparql').type('form').send({ query: TITLE, release: R1 }).set('Accept', JSON_RESULTS);
    expect(parseJsonRows(response.text).map((row) => row.title!.value)).toEqual(['Test Report']);
  });

  it('gives each release its own strong ETag for the same query, and 304 for the one held', async () => {
    const [first, third] = [await query(TITLE, R1), await query(TITLE, R3)];
    expect(first.headers.etag).toMatch(/^"/);
    expect(first.headers.etag).not.toBe(third.headers.etag);
    const again = await request(server.app).get('/sparql').query({ query: TITLE, release: R1 }).set('Accept', JSON_RESULTS).set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
  });

  it.each([
    ['an unknown release', { release: '20240110100001' }, `No release "20240110100001" is published here; release takes the id of one listed at ${BASE}releases, such as ${R4}.`],
    ['a date instead of an id', { release: '2024-01-10' }, `No release "2024-01-10" is published here; release takes the id of one listed at ${BASE}releases, such as ${R4}.`],
    ['two releases', { release: [R1, R2] }, 'The request carries more than one release parameter.'],
  ])('refuses %s with 400', async (_case, params, detail) => {
    const response = await request(server.app).get('/sparql').query({ query: TITLE, ...params }).set('Accept', 'application/problem+json');
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe(detail);
  });

  it('refuses release on an endpoint that has no releases', async () => {
    const app = createApp({ graph: server.graph, baseUrl: BASE, accessLog: () => undefined, log: () => undefined, sparql: { engine: runEngineFor(server.graph) } });
    const response = await request(app).get('/sparql').query({ query: TITLE, release: R1 }).set('Accept', 'application/problem+json');
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('This endpoint has no releases to query; send the query without release.');
  });

  it('says in the service description how to reach a release, and lists each one', async () => {
    const response = await request(server.app).get('/sparql').set('Accept', 'text/turtle');
    const quads = new Parser({ baseIRI: BASE }).parse(response.text);
    const objects = (subject: string, predicate: string) => quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate).map((quad) => quad.object.value).sort();
    const feature = `${BASE}sparql#release-parameter`;
    expect(objects(`${BASE}sparql#service`, 'http://www.w3.org/ns/sparql-service-description#feature')).toEqual([feature]);
    expect(objects(feature, 'http://www.w3.org/2000/01/rdf-schema#seeAlso')).toEqual([`${BASE}releases`]);
    expect(objects(feature, 'http://www.w3.org/2000/01/rdf-schema#comment')[0]).toMatch(/^Add release=ID to a query request/);
    const versions = objects(`${BASE}sparql#default-graph`, 'http://www.w3.org/ns/dcat#hasVersion');
    expect(versions).toEqual([R1, R2, R3, R4].map((id) => `${BASE}sparql#release-${id}`));
    expect(objects(`${BASE}sparql#release-${R3}`, 'http://purl.org/dc/terms/issued')).toEqual(['2024-03-01T12:00:00.000Z']);
    expect(objects(`${BASE}sparql#release-${R3}`, 'http://rdfs.org/ns/void#sparqlEndpoint')).toEqual([`${BASE}sparql?release=${R3}`]);
  });
});
