import { Parser } from 'n3';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { runEngineFor } from '../support/run-engine.js';
import { HARVEST_BASE, harvestRepository, TEST_OAI } from '../support/harvest-repository.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const SERVICE = `${HARVEST_BASE}oai#service`;
let graph: PublishedGraph;

beforeAll(async () => {
  graph = await (await harvestRepository()).build();
});

/** The app with or without an OAI-PMH repository, with a SPARQL endpoint for its service description. */
const appWith = (oai: boolean) => createApp({ graph, baseUrl: graph.manifest.baseUrl, accessLog: () => {}, log: () => {}, oai: oai ? TEST_OAI : undefined, sparql: { engine: runEngineFor(graph) } });

async function triples(path: string, oai: boolean): Promise<string[]> {
  const response = await request(appWith(oai)).get(path).set('Accept', 'text/turtle');
  expect(response.status).toBe(200);
  return new Parser({ baseIRI: HARVEST_BASE }).parse(response.text).map((quad) => `${quad.subject.value} ${quad.predicate.value} ${quad.object.value}`);
}

describe('finding the OAI-PMH repository', () => {
  it.each([
    ['VoID', '/osc/void', `${HARVEST_BASE}void#dataset`],
    ['the SPARQL service description', '/osc/sparql', `${HARVEST_BASE}sparql#default-graph`],
  ])('%s names it as a DCAT data service serving the dataset, and only when there is one', async (_what, path, dataset) => {
    const found = await triples(path, true);
    expect(found).toEqual(expect.arrayContaining([
      `${SERVICE} http://www.w3.org/1999/02/22-rdf-syntax-ns#type ${DCAT}DataService`,
      `${SERVICE} ${DCAT}endpointURL ${HARVEST_BASE}oai`,
      `${SERVICE} ${DCAT}endpointDescription ${HARVEST_BASE}oai?verb=Identify`,
      `${SERVICE} ${DCAT}servesDataset ${dataset}`,
      `${SERVICE} http://purl.org/dc/terms/conformsTo http://www.openarchives.org/OAI/2.0/openarchivesprotocol.htm`,
    ]));
    expect((await triples(path, false)).filter((triple) => triple.includes('oai'))).toEqual([]);
  });

  it('the home page links it, in English and in French, only when there is one', async () => {
    const link = `href="${HARVEST_BASE}oai?verb=Identify"`;
    const english = await request(appWith(true)).get('/osc/').set('Accept', 'text/html').set('Accept-Language', 'en');
    expect(english.text).toContain(`<a ${link} type="text/xml">OAI-PMH repository, for research aggregators</a>`);
    const french = await request(appWith(true)).get('/osc/').set('Accept', 'text/html').set('Accept-Language', 'fr');
    expect(french.text).toContain('Entrepôt OAI-PMH');
    expect((await request(appWith(false)).get('/osc/').set('Accept', 'text/html')).text).not.toContain(link);
  });
});
