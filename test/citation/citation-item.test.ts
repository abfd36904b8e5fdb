import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { citationItem, citationVersions } from '../../src/citation/citation-item.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph, PROJECT_ROOT } from '../support/build-test-graph.js';

const BASE = 'http://localhost:3000/';
const site = new IriScheme(BASE);
const FIXTURE = join(PROJECT_ROOT, 'test/fixtures/valid-data');

function storeOf(turtle: string): Store {
  return new Store(new Parser({ baseIRI: BASE }).parse(turtle));
}

const PREFIXES = `
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix oscg: <vocab/ontology#> .
<id/kind/report> oscg:schemaClass schema:Report ; oscg:cslType "report" .
`;

describe('the CSL item of an output, from a graph', () => {
  it('lists the authors in the order of bibo:authorList, not in IRI or name order, people by family and given name, organisations as literals', () => {
    const store = storeOf(`${PREFIXES}
      <id/output/x> a dcat:Dataset, schema:Report ; dct:title "X"@en ; bibo:authorList <id/output/x#authors> .
      <id/output/x#authors> a rdf:Seq ; rdf:_1 <id/person/zoe> ; rdf:_2 <id/organisation/acme> ; rdf:_3 <id/person/adam> .
      <id/person/zoe> a foaf:Person ; foaf:name "Zoé Zed" ; schema:familyName "Zed" ; schema:givenName "Zoé" .
      <id/organisation/acme> a foaf:Organization ; foaf:name "Acme Lab"@en, "Labo Acme"@fr .
      <id/person/adam> a foaf:Person ; foaf:name "Adam Able" .`);
    const item = citationItem(store, `${BASE}id/output/x`, site)!;
    // Adam's name is not split in the data, so it is given whole rather than guessed at.
    expect(item.author).toEqual([{ family: 'Zed', given: 'Zoé' }, { literal: 'Acme Lab' }, { literal: 'Adam Able' }]);
    expect(item.type).toBe('report');
  });

  it('states no date, DOI, publisher, version or language the graph does not hold', () => {
    const store = storeOf(`${PREFIXES}
      <id/output/x> a dcat:Dataset, schema:Report ; dct:title "X"@en .`);
    expect(citationItem(store, `${BASE}id/output/x`, site)).toEqual({
      id: `${BASE}id/output/x`,
      type: 'report',
      'citation-key': 'x',
      title: 'X',
      URL: `${BASE}id/output/x`,
    });
  });

  it.each([
    ['"2018"^^xsd:gYear', [2018]],
    ['"2018-03"^^xsd:gYearMonth', [2018, 3]],
    ['"2018-03-04"^^xsd:date', [2018, 3, 4]],
  ])('reads dct:issued %s as the date parts %j, and the DOI, publisher, version and language', (issued, parts) => {
    const store = storeOf(`${PREFIXES}
      <id/output/x-y> a dcat:Dataset, schema:Report ; dct:title "Titre"@fr, "Title"@en ; dct:issued ${issued} ;
        bibo:doi "10.5555/xyz" ; dct:publisher <id/organisation/acme> ; dcat:version "2.1" ; schema:inLanguage "fr" .
      <id/organisation/acme> a foaf:Organization ; foaf:name "Acme Lab"@en, "Labo Acme"@fr .`);
    const item = citationItem(store, `${BASE}id/output/x-y`, site)!;
    expect(item.issued).toEqual({ 'date-parts': [parts] });
    expect(item).toMatchObject({ DOI: '10.5555/xyz', version: '2.1', language: 'fr', 'citation-key': 'x_y' });
    // A French work is cited by its French title and its publisher's French name.
    expect(item.title).toBe('Titre');
    expect(item.publisher).toBe('Labo Acme');
  });

  it('orders the members of the sequence by number, so rdf:_10 comes after rdf:_9', () => {
    const members = Array.from({ length: 11 }, (_, index) => `rdf:_${index + 1} <id/person/p${index + 1}>`).reverse().join(' ; ');
    const people = Array.from({ length: 11 }, (_, index) => `<id/person/p${index + 1}> a foaf:Person ; foaf:name "Person ${index + 1}" .`).join('\n');
    const store = storeOf(`${PREFIXES}
      <id/output/x> a dcat:Dataset ; dct:title "X"@en ; bibo:authorList <id/output/x#authors> .
      <id/output/x#authors> a rdf:Seq ; ${members} .
      ${people}`);
    expect(citationItem(store, `${BASE}id/output/x`, site)!.author!.map((name) => name.literal)).toEqual(Array.from({ length: 11 }, (_, index) => `Person ${index + 1}`));
  });

  it('has none for what is not an output', () => {
    const store = storeOf(`${PREFIXES} <id/person/p> a foaf:Person ; foaf:name "P Q" .`);
    expect(citationItem(store, `${BASE}id/person/p`, site)).toBeUndefined();
  });
});

describe('the CSL items of the built fixture graph', () => {
  let graph: PublishedGraph;
  beforeAll(async () => {
    graph = await buildTestGraph({ dataDir: FIXTURE });
  });
  const item = (slug: string) => citationItem(graph.store, `${BASE}id/output/${slug}`, site)!;

  it.each([
    ['test-guide', 'document'],
    ['test-report', 'report'],
    ['test-faq', 'webpage'],
    ['test-webinar-1', 'motion_picture'],
  ])('%s, by its kind in vocab/output-kinds.ttl, is a CSL %s', (slug, type) => {
    expect(item(slug).type).toBe(type);
  });

  it('credits the authors in the order outputs.yaml gives them', () => {
    expect(item('test-report').author).toEqual([{ literal: 'Test Organisation' }, { family: 'Example', given: 'Bob' }]);
    expect(item('test-guide').author).toEqual([{ family: 'Exámple', given: 'Ada' }]);
  });

  it('gives no date, DOI or publisher the data does not hold', () => {
    for (const slug of ['test-guide', 'test-report', 'test-faq', 'test-webinar-1']) {
      expect(item(slug)).not.toHaveProperty('issued');
      expect(item(slug)).not.toHaveProperty('DOI');
    }
    expect(item('test-guide')).not.toHaveProperty('publisher');
    expect(item('test-report').publisher).toBe('Test Organisation');
    expect(item('test-guide-v1').version).toBe('1');
  });

  it('uses issued and doi once a maintainer fills them in', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'oscg-data-')), 'data');
    await cp(FIXTURE, dataDir, { recursive: true });
    const outputs = await readFile(join(dataDir, 'outputs.yaml'), 'utf8');
    await writeFile(join(dataDir, 'outputs.yaml'), outputs.replace('- id: test-report\n', '- id: test-report\n  issued: "2018-05"\n  doi: 10.5555/example.1\n'));
    const filled = await buildTestGraph({ dataDir });
    expect(citationItem(filled.store, `${BASE}id/output/test-report`, site)).toMatchObject({ issued: { 'date-parts': [[2018, 5]] }, DOI: '10.5555/example.1' });
  });

  it('tells which work an output is a version of, and which versions it has', () => {
    expect(citationVersions(graph.store, `${BASE}id/output/test-guide-v1`)).toEqual({ versionOf: `${BASE}id/output/test-guide`, versions: [] });
    expect(citationVersions(graph.store, `${BASE}id/output/test-guide`)).toEqual({ versions: [`${BASE}id/output/test-guide-v1`] });
  });
});

describe('the citations of the guide’s own data', () => {
  let graph: PublishedGraph;
  beforeAll(async () => {
    graph = await buildTestGraph();
  });

  it('credits the guide to Lauriault, Bloom and Landry, in that order, by family and given name', () => {
    expect(citationItem(graph.store, `${BASE}id/output/open-smart-cities-guide`, site)!.author).toEqual([
      { family: 'Lauriault', given: 'Tracey P.' },
      { family: 'Bloom', given: 'Rachel' },
      { family: 'Landry', given: 'Jean-Noé' },
    ]);
  });

  it('gives every output a citation with no date, DOI or licence, since the source gives none', () => {
    const outputs = graph.store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/ns/dcat#Dataset', null);
    expect(outputs.length).toBeGreaterThanOrEqual(8);
    for (const output of outputs) {
      const item = citationItem(graph.store, output.value, site)!;
      expect(item.title, output.value).not.toBe('');
      expect(Object.keys(item).filter((key) => ['issued', 'DOI', 'accessed', 'license'].includes(key)), output.value).toEqual([]);
    }
  });
});
