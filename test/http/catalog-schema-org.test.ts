import { load } from 'cheerio';
import type { Express } from 'express';
import jsonld from 'jsonld';
import request from 'supertest';
import type { Quad } from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { DCAT, DCT, RDF, SCHEMA } from '../../src/graph/namespaces.js';
import { createApp } from '../../src/http/create-app.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { parseNTriples } from '../support/compare-graphs.js';
import { FIXTURE_DATA } from './linked-data-fixture.js';

// What search engines read: each output's HTML page embeds its schema.org
// description, typed by what the output is (a video is a VideoObject, a
// report a Report; nothing here is data, so never schema:Dataset), with
// name, description, url, author, contributor, funder and isPartOf as the
// graph has them, and the people and organisations named.

const BASE = 'https://search.example.org/osc/';
const DCMI = 'http://purl.org/dc/dcmitype/';

let graph: PublishedGraph;
let app: Express;
let outputs: string[];

beforeAll(async () => {
  graph = await buildTestGraph({ baseUrl: BASE, dataDir: FIXTURE_DATA });
  app = createApp({ graph, baseUrl: BASE, accessLog: () => {} });
  outputs = graph.store.getObjects(`${BASE}id/catalog`, DCAT.dataset, null).map((term) => term.value).sort();
}, 120_000);

async function embedded(output: string): Promise<{ root: unknown; quads: Quad[] }> {
  const response = await request(app).get(new URL(output.replace('/id/', '/doc/')).pathname).set('Accept', 'text/html');
  expect(response.status).toBe(200);
  const scripts = load(response.text)('script[type="application/ld+json"]');
  expect(scripts.length).toBe(1);
  const root = JSON.parse(scripts.text()) as Record<string, unknown>;
  const nquads = (await jsonld.toRDF(root, { format: 'application/n-quads', documentLoader: async (url: string) => { throw new Error(`no remote context: ${url}`); } } as never)) as unknown as string;
  return { root, quads: parseNTriples(nquads) };
}

const graphValues = (subject: string, predicate: { value: string }) => graph.store.getObjects(subject, predicate.value, null).map((term) => term.value).sort();
const values = (quads: readonly Quad[], subject: string, predicate: { value: string }) =>
  quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate.value).map((quad) => quad.object.value).sort();

describe('schema.org on output pages', () => {
  it('covers every output of the catalogue', () => {
    expect(outputs.length).toBeGreaterThan(3);
  });

  it.each(['VideoObject', 'Report'])('at least one output is a %s', (type) => {
    expect(outputs.some((output) => graphValues(output, RDF.type).includes(`${SCHEMA.iri}${type}`))).toBe(true);
  });

  it('each output page embeds one schema.org node for the output, typed by what it is, never Dataset', async () => {
    for (const output of outputs) {
      const { root, quads } = await embedded(output);
      expect((root as Record<string, unknown>)['@id'], output).toBe(output);
      const types = values(quads, output, RDF.type);
      expect(types.length, output).toBeGreaterThan(0);
      expect(types.every((type) => type.startsWith(SCHEMA.iri)), output).toBe(true);
      expect(types, output).not.toContain(`${SCHEMA.iri}Dataset`);
      const specific = graphValues(output, RDF.type).filter((type) => type.startsWith(SCHEMA.iri) && type !== SCHEMA.CreativeWork.value);
      expect(types, output).toEqual(specific.length > 0 ? specific : [SCHEMA.CreativeWork.value]);
      const dcmiTypes = graphValues(output, DCT.type);
      if (dcmiTypes.includes(`${DCMI}MovingImage`)) expect(types, output).toEqual([`${SCHEMA.iri}VideoObject`]);
      if (dcmiTypes.includes(`${DCMI}Text`)) expect(types, output).not.toContain(`${SCHEMA.iri}VideoObject`);
    }
    // The two checks above run on the outputs of their DCMI type only: the data must have some of each.
    const dcmiTypes = outputs.flatMap((output) => graphValues(output, DCT.type));
    expect(dcmiTypes).toContain(`${DCMI}MovingImage`);
    expect(dcmiTypes).toContain(`${DCMI}Text`);
  });

  it('each carries name, description, url, author, contributor, funder and isPartOf as the graph has them, with the agents named', async () => {
    let authored = 0;
    for (const output of outputs) {
      const { quads } = await embedded(output);
      for (const predicate of [SCHEMA.name, SCHEMA.description, SCHEMA.url]) {
        expect(values(quads, output, predicate), `${output} ${predicate.value}`).toEqual(graphValues(output, predicate));
        expect(values(quads, output, predicate).length, `${output} ${predicate.value}`).toBeGreaterThan(0);
      }
      for (const predicate of [SCHEMA.author, SCHEMA.contributor, SCHEMA.funder, SCHEMA.isPartOf]) {
        expect(values(quads, output, predicate), `${output} ${predicate.value}`).toEqual(graphValues(output, predicate));
        for (const agent of values(quads, output, predicate)) expect(values(quads, agent, SCHEMA.name).length, agent).toBeGreaterThan(0);
      }
      expect(values(quads, output, SCHEMA.funder).length, output).toBeGreaterThan(0);
      expect(values(quads, output, SCHEMA.isPartOf).length, output).toBeGreaterThan(0);
      if (values(quads, output, SCHEMA.author).length > 0) authored++;
    }
    expect(authored).toBeGreaterThan(0);
  });
});
