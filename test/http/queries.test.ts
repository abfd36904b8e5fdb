import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNamedQueries } from '../../src/store/named-queries.js';
import { select } from '../support/select.js';
import { parseJsonRows, parseXmlRows } from '../support/sparql-results.js';
import { createTestServer, FIXTURE_DATA, type TestServer } from './linked-data-fixture.js';

const BASE = 'http://localhost:3000/';
let graph: TestServer['graph'];
let app: Express;

beforeAll(async () => {
  ({ graph, app } = await createTestServer({ baseUrl: BASE, dataDir: FIXTURE_DATA }));
});

const QUERIES = loadNamedQueries();

function values(rows: ReturnType<typeof parseJsonRows>): Record<string, string>[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, term.value])));
}

describe('named queries', () => {
  it('ships the guide\'s queries, each with a title and description', () => {
    expect(QUERIES.map((query) => query.name)).toEqual(expect.arrayContaining(['outputs', 'contributors-by-role', 'organisations', 'funding']));
    for (const query of QUERIES) {
      expect(query.title).not.toBe('');
      expect(query.description).not.toBe('');
    }
  });

  it.each(QUERIES.map((query) => [query.name, query] as const))('%s answers with the rows the query gives Comunica directly (in any engine), and some rows', async (name, query) => {
    const response = await request(app).get(`/queries/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/sparql-results+json; charset=utf-8');
    const rows = values(parseJsonRows(response.text));
    expect(rows.length).toBeGreaterThan(0);
    // Compared as multisets: ORDER BY leaves ties (and unbound keys) in an order each engine may choose.
    const multiset = (list: Record<string, string>[]) => list.map((row) => JSON.stringify(Object.entries(row).sort())).sort();
    expect(multiset(rows)).toEqual(multiset(await select(graph.store, query.text)));
  });

  it('binds an IRI parameter as a term and narrows the results', async () => {
    const all = values(parseJsonRows((await request(app).get('/queries/contributors-by-role')).text));
    const role = `${BASE}id/role/author`;
    const authors = values(parseJsonRows((await request(app).get('/queries/contributors-by-role').query({ role })).text));
    expect(authors.length).toBeGreaterThan(0);
    expect(authors.length).toBeLessThan(all.length);
    const sorted = (rows: Record<string, string>[]) => rows.map((row) => JSON.stringify(Object.entries(row).sort())).sort();
    expect(sorted(authors)).toEqual(sorted(all.filter((row) => row.role === role)));
  });

  it('binds a string parameter as a literal, so quotes and braces in it are data, not query text', async () => {
    const all = values(parseJsonRows((await request(app).get('/queries/outputs')).text));
    const word = all[0]!.title!.split(' ')[0]!.toLowerCase();
    const some = values(parseJsonRows((await request(app).get('/queries/outputs').query({ title_contains: word })).text));
    expect(some).toEqual(all.filter((row) => row.title!.toLowerCase().includes(word)));
    const hostile = await request(app).get('/queries/outputs').query({ title_contains: '") } } SELECT * WHERE { ?s ?p ?o } #' });
    expect(hostile.status).toBe(200);
    expect(parseJsonRows(hostile.text)).toEqual([]);
  });

  it('negotiates like /sparql', async () => {
    const response = await request(app).get('/queries/funding').set('Accept', 'application/sparql-results+xml');
    expect(response.headers['content-type']).toBe('application/sparql-results+xml; charset=utf-8');
    expect((await parseXmlRows(response.text)).length).toBeGreaterThan(0);
    expect((await request(app).get('/queries/funding').query({ format: 'csv' })).headers['content-type']).toBe('text/csv; charset=utf-8');
    expect((await request(app).get('/queries/funding').set('Accept', 'image/png')).status).toBe(406);
  });

  it.each([
    ['an unknown query', '/queries/no-such-query', 404],
    ['an unknown parameter', '/queries/funding?colour=blue', 400],
    ['an IRI parameter that is not an IRI', '/queries/funding?funder=not%20an%20iri', 400],
    ['a repeated parameter', `/queries/funding?funder=${encodeURIComponent(`${BASE}a`)}&funder=${encodeURIComponent(`${BASE}b`)}`, 400],
  ])('refuses %s', async (_name, path, status) => {
    const response = await request(app).get(path);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lists them at /queries', async () => {
    const response = await request(app).get('/queries');
    expect(response.status).toBe(200);
    expect(response.body.queries.map((query: { name: string }) => query.name)).toEqual(QUERIES.map((query) => query.name));
    expect(response.body.queries[0].url).toBe(`${BASE}queries/${QUERIES[0]!.name}`);
  });

  it('describes them all in /openapi.json (OpenAPI 3.1)', async () => {
    const response = await request(app).get('/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body as { openapi: string; servers: { url: string }[]; paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers[0]!.url).toBe('http://localhost:3000');
    expect(document.paths['/sparql']).toBeDefined();
    for (const query of QUERIES) {
      const names = document.paths[`/queries/${query.name}`]?.get?.parameters?.map((parameter) => parameter.name);
      expect(names).toEqual([...query.parameters.map((parameter) => parameter.name), 'format']);
    }
  });
});
