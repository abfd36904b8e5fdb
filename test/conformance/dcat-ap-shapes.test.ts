import { join, resolve } from 'node:path';
import type { Express } from 'express';
import { DataFactory, Parser, Store, type NamedNode } from 'n3';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { DCAT_AP_SHAPE_FILES, loadShapes } from '../../src/build/load-shapes.js';
import { formatShapeResult, validateGraph, type ShapesGraph } from '../../src/build/validate-graph.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { DCAT } from '../../src/graph/namespaces.js';
import { createApp } from '../../src/http/create-app.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph, PROJECT_ROOT } from '../support/build-test-graph.js';
import { asText, parseRdf } from '../http/linked-data-fixture.js';
import { CONFORMANCE_DCAT_AP_DIR } from '../support/conformance-dir.js';

// The real graph (data/) against the official DCAT-AP 3.0.1 shapes, which are
// not part of the project: they are read from the conformance folder
// (CONFORMANCE_DIR, by default ../shared/conformance beside the checkout).
// The build itself validates with vocab/shapes.ttl, our own statement of the
// same constraints; these tests check that it misses nothing they find.

const DCAT_AP_DIR = CONFORMANCE_DCAT_AP_DIR;
const BASE = 'https://data.example.org/osc/';
const PAGE_SIZE = 3;

let graph: PublishedGraph & { build: Awaited<ReturnType<typeof buildTestGraph>>['build'] };
let official: ShapesGraph[];
let own: ShapesGraph[];
let datasets: string[];

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE, dcatApDir: DCAT_AP_DIR });
  const { graphs } = await loadShapes(join(PROJECT_ROOT, 'vocab'), DCAT_AP_DIR, new IriScheme(BASE));
  official = graphs.filter((shapes) => shapes.source.startsWith('DCAT-AP'));
  own = graphs.filter((shapes) => shapes.source === 'vocab/shapes.ttl');
  datasets = graph.store.getObjects(`${BASE}id/catalog`, DCAT.dataset, null).map((term) => term.value).sort();
}, 120_000);

function get(target: Express, path: string) {
  return request(target).get(path).buffer(true).parse(asText);
}

async function catalogPage(target: Express, path: string): Promise<Store> {
  const response = await get(target, path);
  expect(response.status, path).toBe(200);
  return new Store(await parseRdf(response.body as string, response.headers['content-type']!, BASE));
}

describe('the built graph and the official DCAT-AP 3.0.1 shapes', () => {
  it('a build given DCAT_AP_SHAPES validates against the four official files too, and says so in its manifest', () => {
    expect(official.map((shapes) => shapes.source)).toEqual(DCAT_AP_SHAPE_FILES.map((file) => `DCAT-AP 3.0.1 ${file}`));
    expect(graph.build.dcatAp).toBe(true);
    expect(graph.build.manifest.validation.shapes.map((shapes) => shapes.source)).toEqual(['vocab/shapes.ttl', ...official.map((shapes) => shapes.source)]);
    expect(graph.build.validation.violations.map(formatShapeResult)).toEqual([]);
  });

  it('the official shapes report no violation on the whole graph', async () => {
    const report = await validateGraph(graph.store, official);
    expect(report.violations.map(formatShapeResult)).toEqual([]);
  }, 60_000);

  it('each recommended property the official shapes miss is a warning of our shapes too', async () => {
    const path = (result: { focusNode: string; path: string }) => `${result.focusNode} ${result.path}`;
    const theirs = (await validateGraph(graph.store, official)).warnings.filter((result) => result.shapes === 'DCAT-AP 3.0.1 shapes_recommended.ttl').map(path);
    const ours = new Set((await validateGraph(graph.store, own)).warnings.map(path));
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((key) => !ours.has(key))).toEqual([]);
  }, 60_000);

  it('on the graph broken in ways DCAT-AP forbids, our shapes find a violation wherever the official ones do', async () => {
    // Each entry removes or spoils one mandatory or range constraint of the built graph.
    const iri = DataFactory.namedNode;
    const catalog = iri(`${BASE}id/catalog`);
    const output = iri(`${BASE}id/output/open-smart-cities-guide`);
    const distribution = iri(`${BASE}id/output/open-smart-cities-guide#distribution-google-docs`);
    const add = (store: Store, turtle: string) => store.addQuads(new Parser().parse(turtle));
    const remove = (store: Store, subject: NamedNode, predicate: NamedNode) => store.removeQuads(store.getQuads(subject, predicate, null, null));
    const breakages: Record<string, (store: Store) => void> = {
      'catalogue without title': (store) => remove(store, catalog, iri('http://purl.org/dc/terms/title')),
      'catalogue without publisher': (store) => remove(store, catalog, iri('http://purl.org/dc/terms/publisher')),
      'output without description': (store) => remove(store, output, iri('http://purl.org/dc/terms/description')),
      'output with a literal theme': (store) => add(store, `<${output.value}> <http://www.w3.org/ns/dcat#theme> "REGI" .`),
      'distribution without access URL': (store) => remove(store, distribution, iri('http://www.w3.org/ns/dcat#accessURL')),
      'distribution with two formats': (store) => add(store, `<${distribution.value}> <http://purl.org/dc/terms/format> <http://publications.europa.eu/resource/authority/file-type/PDF> .`),
    };
    for (const [name, spoil] of Object.entries(breakages)) {
      const store = new Store(graph.store.getQuads(null, null, null, null));
      spoil(store);
      const focus = (shapes: ShapesGraph[]) => validateGraph(store, shapes).then((report) => new Set(report.violations.map((result) => result.focusNode)));
      const theirs = await focus(official);
      const ours = await focus(own);
      expect(theirs.size, name).toBeGreaterThan(0);
      expect([...theirs].filter((node) => !ours.has(node)), name).toEqual([]);
    }
  }, 120_000);
});

describe('DCAT-AP 3 on /catalog', () => {
  it('the official shapes (mandatory, recommended, range, vocabularies) report no violation on /catalog by itself', async () => {
    const app = createApp({ graph, baseUrl: BASE, accessLog: () => {} });
    const report = await validateGraph(await catalogPage(app, '/osc/catalog'), official);
    expect(report.violations.map(formatShapeResult)).toEqual([]);
  }, 60_000);

  it.each([PAGE_SIZE, 1])('nor on any page of a catalogue paged by %i', async (size) => {
    const app = createApp({ graph, baseUrl: BASE, accessLog: () => {}, catalogPageSize: size });
    for (let page = 1; page <= Math.ceil(datasets.length / size); page++) {
      const report = await validateGraph(await catalogPage(app, `/osc/catalog?page=${page}`), official);
      expect(report.violations.map(formatShapeResult), `page ${page}`).toEqual([]);
    }
  }, 120_000);
});
