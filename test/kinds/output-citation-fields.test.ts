import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, type Store } from 'n3';
import type { Term } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { buildTestGraph, PROJECT_ROOT } from '../support/build-test-graph.js';

const { namedNode } = DataFactory;
const BASE = 'http://localhost:3000/';
const BIBO = 'http://purl.org/ontology/bibo/';
const report = namedNode(`${BASE}id/output/test-report`);

/** The fixture data with extra lines added to the test report's entry. */
async function fixtureWith(extraLines: string): Promise<string> {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'oscg-data-')), 'data');
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), dataDir, { recursive: true });
  const outputs = await readFile(join(dataDir, 'outputs.yaml'), 'utf8');
  const edited = outputs.replace('- id: test-report\n', `- id: test-report\n${extraLines}`);
  expect(edited).not.toBe(outputs);
  await writeFile(join(dataDir, 'outputs.yaml'), edited);
  return dataDir;
}

/** The members of the rdf:Seq `sequence`, in order. */
function sequenceItems(store: Store, sequence: Term): string[] {
  const items: string[] = [];
  for (let index = 1; ; index += 1) {
    const [item] = store.getObjects(sequence, namedNode(`http://www.w3.org/1999/02/22-rdf-syntax-ns#_${index}`), null);
    if (!item) return items;
    items.push(item.value);
  }
}

describe('the optional fields citations need', () => {
  it('keeps the authors in the order the data gives them, as the rdf:Seq of its bibo:authorList', async () => {
    const { store } = await buildTestGraph({ dataDir: join(PROJECT_ROOT, 'test/fixtures/valid-data') });
    const [sequence] = store.getObjects(report, namedNode(`${BIBO}authorList`), null);
    expect(sequence?.value).toBe(`${report.value}#authors`);
    expect(sequenceItems(store, sequence!)).toEqual([`${BASE}id/organisation/test-org`, `${BASE}id/person/bob`]);
  });

  it('states a DOI, a licence and an issued year only when the data gives them', async () => {
    const bare = await buildTestGraph({ dataDir: join(PROJECT_ROOT, 'test/fixtures/valid-data') });
    expect(bare.store.getObjects(report, namedNode(`${BIBO}doi`), null)).toEqual([]);
    expect(bare.store.getObjects(report, namedNode('http://purl.org/dc/terms/license'), null)).toEqual([]);
    const filled = await buildTestGraph({
      dataDir: await fixtureWith('  doi: 10.5555/example.1\n  license: https://creativecommons.org/licenses/by/4.0/\n  issued: "2018"\n'),
    });
    const values = (predicate: string) => filled.store.getObjects(report, namedNode(predicate), null).map((term) => term.termType === 'Literal' ? `${term.value}^^${term.datatype.value}` : term.value);
    expect(values(`${BIBO}doi`)).toEqual(['10.5555/example.1^^http://www.w3.org/2001/XMLSchema#string']);
    expect(values('http://schema.org/identifier')).toEqual(['https://doi.org/10.5555/example.1']);
    expect(values('http://purl.org/dc/terms/license')).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
    expect(values('http://purl.org/dc/terms/issued')).toEqual(['2018^^http://www.w3.org/2001/XMLSchema#gYear']);
  });

  it('refuses a DOI given with its resolver, naming the file and field', async () => {
    await expect(buildTestGraph({ dataDir: await fixtureWith('  doi: https://doi.org/10.5555/x\n') })).rejects.toThrow(/outputs\.yaml, line \d+, outputs\[2\]\.doi: "https:\/\/doi.org\/10.5555\/x" is not a DOI name/);
  });
});
