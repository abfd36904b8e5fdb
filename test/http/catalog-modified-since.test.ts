import type { Express } from 'express';
import { DataFactory, Store } from 'n3';
import request from 'supertest';
import type { Quad } from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { DCAT, DCT, FOAF, HYDRA, XSD } from '../../src/graph/namespaces.js';
import { createApp } from '../../src/http/create-app.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { asText, FIXTURE_DATA, parseRdf } from './linked-data-fixture.js';

// ?modified_since= for incremental harvests. The real build dates every
// record from one git history, so most records share a date; to see the
// filter separate datasets, a copy of the built graph gets one record date
// per dataset (a day apart) and one dataset its own later dct:modified.

const BASE = 'http://harvest.example.net/data/';
const { literal, quad } = DataFactory;

let built: PublishedGraph;
let app: Express;
let real: Express;
/** Dataset IRI → the instant the test graph says it last changed. */
const changed = new Map<string, number>();

beforeAll(async () => {
  built = await buildTestGraph({ baseUrl: BASE, dataDir: FIXTURE_DATA });
  real = createApp({ graph: built, baseUrl: BASE, accessLog: () => {} });
  const store = new Store(built.store.getQuads(null, null, null, null));
  const catalog = `${BASE}id/catalog`;
  const datasets = store.getObjects(catalog, DCAT.dataset, null).map((term) => term.value).sort();
  datasets.forEach((dataset, index) => {
    for (const record of store.getSubjects(FOAF.primaryTopic, dataset, null)) {
      store.removeQuads(store.getQuads(record, DCT.modified, null, null));
      const instant = Date.UTC(2020, 0, index + 1);
      store.addQuad(quad(record as never, DCT.modified, literal(new Date(instant).toISOString(), XSD.dateTime)));
      changed.set(dataset, instant);
    }
  });
  // The first dataset's own date (an xsd:date, read as UTC midnight) is later than its record's.
  store.removeQuads(store.getQuads(datasets[0]!, DCT.modified, null, null));
  store.addQuad(quad(DataFactory.namedNode(datasets[0]!), DCT.modified, literal('2021-06-01', XSD.date)));
  changed.set(datasets[0]!, Date.UTC(2021, 5, 1));
  app = createApp({ graph: { ...built, store }, baseUrl: BASE, accessLog: () => {}, catalogPageSize: 2 });
}, 120_000);

async function harvest(target: Express, query: string): Promise<{ datasets: string[]; quads: Quad[]; status: number }> {
  const datasets: string[] = [];
  let quads: Quad[] = [];
  let url: string | undefined = `${BASE}catalog?${query}`;
  while (url) {
    const response = await request(target).get(new URL(url).pathname + new URL(url).search).buffer(true).parse(asText);
    if (response.status !== 200) return { datasets, quads, status: response.status };
    quads = await parseRdf(response.body as string, response.headers['content-type']!, BASE);
    datasets.push(...quads.filter((q) => q.subject.value === `${BASE}id/catalog` && q.predicate.equals(DCAT.dataset)).map((q) => q.object.value));
    url = quads.find((q) => q.predicate.equals(HYDRA.next))?.object.value;
    if (url) expect(new URL(url).searchParams.get('modified_since')).toBe(new URLSearchParams(query).get('modified_since'));
  }
  return { datasets: datasets.sort(), quads, status: 200 };
}

const since = (instant: number) => [...changed].filter(([, time]) => time >= instant).map(([dataset]) => dataset).sort();

describe('?modified_since=', () => {
  it.each([
    ['2020-01-04', Date.UTC(2020, 0, 4)],
    ['2020-01-04T00:00:00Z', Date.UTC(2020, 0, 4)],
    ['2020-01-04T00:00:01Z', Date.UTC(2020, 0, 4, 0, 0, 1)],
    ['2020-01-03T23:00:00-01:00', Date.UTC(2020, 0, 4)],
    ['2020-01-04T00:00:00', Date.UTC(2020, 0, 4)],
    ['2020-01-02T12:30:00.5+02:00', Date.UTC(2020, 0, 2, 10, 30, 0, 500)],
    ['2021-05-31', Date.UTC(2021, 4, 31)],
    ['2020-01-03T23:59Z', Date.UTC(2020, 0, 3, 23, 59)],
  ])('%s returns, over all pages, exactly the datasets changed at or after it', async (value, instant) => {
    const expected = since(instant);
    expect(expected.length).toBeLessThan(changed.size);
    const result = await harvest(app, `modified_since=${encodeURIComponent(value)}`);
    expect(result.status).toBe(200);
    expect(result.datasets).toEqual(expected);
  });

  it('a date before everything returns the whole catalogue', async () => {
    expect((await harvest(app, 'modified_since=1999-12-31')).datasets).toEqual([...changed.keys()].sort());
  });

  it('a date after everything returns an empty first page (still the catalogue, totalItems 0) and 404 beyond', async () => {
    const result = await harvest(app, 'modified_since=2030-01-01');
    expect(result.datasets).toEqual([]);
    expect(result.quads.some((q) => q.subject.value === `${BASE}id/catalog` && q.predicate.equals(DCT.title))).toBe(true);
    expect(result.quads.find((q) => q.predicate.equals(HYDRA.totalItems))?.object.value).toBe('0');
    expect((await request(app).get('/data/catalog?modified_since=2030-01-01&page=2')).status).toBe(404);
  });

  it.each(['yesterday', '2020-13-01', '2020-02-30', '2020-01-01T25:00:00Z', '2020-01-01T10Z', '01/02/2020', '2020-1-1', '1577836800', ''])(
    '%j is not ISO 8601: 400 problem details',
    async (value) => {
      const response = await request(app).get(`/data/catalog?modified_since=${encodeURIComponent(value)}`).set('Accept', '*/*');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((response.body as { detail: string }).detail).toContain('modified_since');
    },
  );

  it('given twice is a 400, not a guess', async () => {
    expect((await request(app).get('/data/catalog?modified_since=2020-01-01&modified_since=2020-01-02')).status).toBe(400);
  });

  it('on the real build, filters on the dates the build took from the data history', async () => {
    const catalog = `${BASE}id/catalog`;
    const dates = built.store
      .getObjects(catalog, DCAT.record, null)
      .flatMap((record) => built.store.getObjects(record, DCT.modified, null))
      .map((term) => Date.parse(term.value));
    const everything = (await harvest(real, 'modified_since=1970-01-01')).datasets;
    expect(everything).toHaveLength(dates.length);
    if (dates.length === 0) return; // a checkout without git history dates nothing
    const latest = Math.max(...dates);
    expect((await harvest(real, `modified_since=${encodeURIComponent(new Date(latest).toISOString())}`)).datasets.length).toBe(dates.filter((date) => date >= latest).length);
    expect((await harvest(real, `modified_since=${encodeURIComponent(new Date(latest + 1000).toISOString())}`)).datasets).toEqual([]);
  });
});
