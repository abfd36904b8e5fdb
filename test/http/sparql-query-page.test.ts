import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'cheerio';
import request from 'supertest';
import type { Express } from 'express';
import { Parser } from 'sparqljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE_DATA, type TestServer } from './linked-data-fixture.js';

const BASE = 'https://data.example.org/guide/';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
let graph: TestServer['graph'];
let app: Express;

beforeAll(async () => {
  ({ graph, app } = await createTestServer({ baseUrl: BASE, dataDir: FIXTURE_DATA }));
});

describe('the query page', () => {
  it('is what a browser gets from /sparql without a query: YASGUI served locally, pre-filled with the graph\'s prefixes and an example', async () => {
    const response = await request(app).get('/guide/sparql').set('Accept', BROWSER_ACCEPT);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const $ = load(response.text);
    const sources = [...$('script[src]').map((_i, element) => $(element).attr('src')), ...$('link[rel=stylesheet]').map((_i, element) => $(element).attr('href'))];
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) {
      expect(source).toMatch(/^\/guide\//);
      const asset = await request(app).get(source!);
      expect(asset.status, source).toBe(200);
    }
    const config = JSON.parse($('#query-page-config').text()) as { endpoint: string; query: string };
    expect(config.endpoint).toBe(`${BASE}sparql`);
    const parsed = new Parser().parse(config.query) as { prefixes: Record<string, string>; queryType: string };
    expect(parsed.queryType).toBe('SELECT');
    expect(parsed.prefixes).toEqual(graph.manifest.prefixes);
    const example = await request(app).post('/guide/sparql').type('form').send({ query: config.query });
    expect(example.status).toBe(200);
    expect(JSON.parse(example.text).results.bindings.length).toBeGreaterThan(0);
  });

  it('serves the very files of the @zazuko/yasgui package', async () => {
    const $ = load((await request(app).get('/guide/sparql').set('Accept', 'text/html')).text);
    const script = $('script[src$="yasgui.min.js"]').attr('src')!;
    const served = await request(app).get(script).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const file = readFileSync(createRequire(import.meta.url).resolve('@zazuko/yasgui/build/yasgui.min.js'));
    expect((served.body as Buffer).equals(file)).toBe(true);
  });

  it('leaves RDF clients the service description', async () => {
    const response = await request(app).get('/guide/sparql').set('Accept', 'text/turtle, text/html;q=0.5');
    expect(response.headers['content-type']).toBe('text/turtle; charset=utf-8');
  });
});
